namespace Cowork;

/// <summary>
/// An expected failure of a tool call (a missing file, a path outside the grants): its message goes to the
/// model as the call's result, so the model can correct itself. Messages must be safe to show and actionable.
/// </summary>
public sealed class ToolException(string message) : Exception(message);
