namespace Cowork;

/// <summary>A tool call as the conversation record keeps it. <paramref name="Arguments"/> is the JSON object the model sent.</summary>
public sealed record RecordedToolCall(string CallId, string Name, string Arguments);
