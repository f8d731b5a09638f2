namespace Cowork.Files;

/// <summary>One move of a batch: <paramref name="From"/> into the folder <paramref name="ToFolder"/> under <paramref name="Name"/> (raw bytes).</summary>
/// <remarks>Both lie in the same grant. When the name is taken, " (2)", " (3)", … goes before the extension: nothing is overwritten.</remarks>
public sealed record MoveRequest(ResolvedPath From, RelativePath ToFolder, byte[] Name);
