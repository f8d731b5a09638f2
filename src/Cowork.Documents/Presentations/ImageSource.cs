namespace Cowork.Documents;

/// <summary>Reads an image a spec names (through the task's workspace), or throws a <see cref="ToolException"/>.</summary>
internal delegate LoadedImage ImageSource(string path);
