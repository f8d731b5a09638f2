namespace Cowork;

/// <summary>
/// The tool call running on this logical thread, so what a tool changes can be traced to the call that changed it
/// (the change journal stamps each batch with it; resume rolls back exactly the batches of a call a crash cut off).
/// </summary>
public static class ToolCallScope
{
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The id of the running tool call, or <see langword="null"/> outside one.</summary>
    public static string? CallId => Current.Value;

    public static IDisposable Enter(string callId)
    {
        var previous = Current.Value;
        Current.Value = callId;
        return new Exit(previous);
    }

    private sealed class Exit(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
