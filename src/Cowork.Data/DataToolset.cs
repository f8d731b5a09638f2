namespace Cowork.Data;

/// <summary>The data tools: loading and profiling, statistics, transformations and charts.</summary>
public sealed class DataToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [];
    }
}
