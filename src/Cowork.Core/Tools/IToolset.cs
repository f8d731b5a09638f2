namespace Cowork;

/// <summary>A group of related tools (files, documents, data, …), built afresh for each agent of each task.</summary>
/// <remarks>Per-task state lives in the tools it creates, never in the toolset, so toolsets may be shared.</remarks>
public interface IToolset
{
    IEnumerable<ToolDescriptor> CreateTools(ToolContext context);

    /// <summary>
    /// Before an interrupted task resumes: reverses whatever the call <paramref name="callId"/> changed before the
    /// process died in the middle of it, so it can run again from the start without doing anything twice.
    /// </summary>
    /// <returns>What was reversed, for the log; <see langword="null"/> when this toolset keeps no such record.</returns>
    string? RollBackInterruptedCall(ToolContext context, string callId) => null;
}
