using Cowork.Files;
using Microsoft.Extensions.AI;

namespace Cowork.Documents;

/// <summary>The document tools: workbooks, Word reports, decks, readers and verification.</summary>
public sealed class DocumentToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tools = new List<ToolDescriptor>();

        // Reports, decks, readers and notes (Word/, Presentations/, Reading/, Rendering/, Notes/).
        var authoring = new AuthoringTools(Workspace.ForTask(context), context.Events, context.DataDirectory, DocumentRenderer.Default);
        tools.AddRange(
        [
            Tool(authoring.CreateDocument, ToolNames.CreateDocument, ToolEffects.Write,
                "Write a Word report (.docx) from a JSON spec or Markdown: title page with a table of contents, headings, formatted paragraphs and links, " +
                "real bulleted and numbered lists, tables with header rows, images and native charts with alt text, header and footer with page numbers. " +
                "It is validated and rendered on every page before it is written; a failed check writes nothing and says why."),
            Tool(authoring.CreatePresentation, ToolNames.CreatePresentation, ToolEffects.Write,
                "Write a PowerPoint deck (.pptx) on the built-in template from a JSON slide spec: title, section, bullets, two_column, chart (native, with its data " +
                "for Edit Data), image, table and quote slides with speaker notes. Text is measured and fitted; the deck is validated and rendered before it is written."),
            Tool(authoring.ReadDocument, ToolNames.ReadDocument, ToolEffects.Read,
                "Read the text, tables and formulas of a .docx, .pptx (slides, tables, charts, speaker notes) or .pdf, a few pages at a time."),
            Tool(authoring.CheckDocument, ToolNames.CheckDocument, ToolEffects.Read,
                "Check a .docx, .pptx or .pdf: the Open XML validator, the quality bars (styles, lists, alt text, slide text sizes and overflow) and a LibreOffice render of every page to PNG."),
            Tool(authoring.SummarizeNotes, ToolNames.SummarizeNotes, ToolEffects.Read,
                "Read meeting notes (a .md/.txt file or a folder of them) into their structure: meetings, topics, figures, decisions, action items with owners and dates; " +
                "returns a ready create_presentation (output=deck) or create_document (output=report) spec and a suggested file path."),
        ]);
        return tools;
    }

    private static ToolDescriptor Tool(Delegate method, string name, ToolEffects effects, string description) =>
        new(AIFunctionFactory.Create(method, name, description), effects);
}
