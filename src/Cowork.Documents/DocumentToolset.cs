namespace Cowork.Documents;

/// <summary>The document tools: workbooks, Word reports, decks, readers and verification.</summary>
public sealed class DocumentToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [];
    }
}
