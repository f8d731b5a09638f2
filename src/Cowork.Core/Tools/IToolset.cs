namespace Cowork;

/// <summary>A group of related tools (files, documents, data, …), built afresh for each agent of each task.</summary>
/// <remarks>Per-task state lives in the tools it creates, never in the toolset, so toolsets may be shared.</remarks>
public interface IToolset
{
    IEnumerable<ToolDescriptor> CreateTools(ToolContext context);
}
