using Cowork.Files;
using Microsoft.Extensions.AI;

namespace Cowork.Documents;

/// <summary>The document tools: workbooks, Word reports, decks, readers and verification.</summary>
public sealed class DocumentToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = Workspace.ForTask(context);

        // --- Spreadsheets, verification and the expense-report job ---
        var sheets = new SpreadsheetTools(workspace, context.Events, context.DataDirectory);
        yield return Tool(sheets.CreateWorkbook, ToolNames.CreateWorkbook, ToolEffects.Write, CreateWorkbookDescription);
        yield return Tool(sheets.ReadWorkbook, ToolNames.ReadWorkbook, ToolEffects.Read,
            "Read an .xlsx: sheets, defined names, used ranges, each cell's value and formula (bounded; pass sheet and range for more).");
        yield return Tool(sheets.VerifyDocument, ToolNames.VerifyDocument, ToolEffects.Read,
            "Verify a deliverable before calling it done: Open XML validator, structure checks, LibreOffice recalculation of a copy " +
            "(zero formula errors, cached values equal to LibreOffice's), render to PDF and PNG thumbnails. Report what it says.");
        yield return Tool(sheets.ExtractReceipts, ToolNames.ExtractReceipts, ToolEffects.Read,
            "Read the receipts in a folder (PDF, images by OCR, .txt, .csv): date, merchant, category, amount, currency each; lists the unreadable ones for review (never guessed).");
        yield return Tool(sheets.MakeExpenseReport, ToolNames.MakeExpenseReport, ToolEffects.Write,
            "Make an expense-report workbook from a folder's receipts: Receipts sheet (category by VLOOKUP from a Categories sheet, large amounts highlighted, " +
            "totals per currency by SUMIFS), Summary by category and month (SUMIFS) with a chart, and the receipts that need review. Preview with dry_run=true.",
            arguments => ToolArguments.Flag(arguments, "dry_run") ? ToolEffects.Read : ToolEffects.Write);
        // --- end of spreadsheets ---

        // Reports, decks, readers and notes (Word/, Presentations/, Reading/, Rendering/, Notes/).
        var authoring = new AuthoringTools(workspace, context.Events, context.DataDirectory, DocumentRenderer.Default);
        yield return Tool(authoring.CreateDocument, ToolNames.CreateDocument, ToolEffects.Write,
                "Write a Word report (.docx) from a JSON spec or Markdown: title page with a table of contents, headings, formatted paragraphs and links, " +
                "real bulleted and numbered lists, tables with header rows, images and native charts with alt text, header and footer with page numbers. " +
                "It is validated and rendered on every page before it is written; a failed check writes nothing and says why.");
        yield return Tool(authoring.CreatePresentation, ToolNames.CreatePresentation, ToolEffects.Write,
                "Write a PowerPoint deck (.pptx) on the built-in template from a JSON slide spec: title, section, bullets, two_column, chart (native, with its data " +
                "for Edit Data), image, table and quote slides with speaker notes. Text is measured and fitted; the deck is validated and rendered before it is written.");
        yield return Tool(authoring.ReadDocument, ToolNames.ReadDocument, ToolEffects.Read,
                "Read the text, tables and formulas of a .docx, .pptx (slides, tables, charts, speaker notes) or .pdf, a few pages at a time.");
        yield return Tool(authoring.SummarizeNotes, ToolNames.SummarizeNotes, ToolEffects.Read,
                "Read meeting notes (a .md/.txt file or a folder of them) into their structure: meetings, topics, figures, decisions, action items with owners and dates; " +
                "returns a ready create_presentation (output=deck) or create_document (output=report) spec and a suggested file path.");
    }

    private const string CreateWorkbookDescription =
        "Write an .xlsx from a JSON spec; every formula gets its computed cached value. Spec: {\"sheets\":[{\"name\":\"Data\", " +
        "\"rows\":[[\"Item\",\"Qty\",\"Price\",\"Total\"],[\"Pen\",3,1.5,\"=B2*C2\"]] (from \"start\", default A1; numbers, text, true/false, \"=formula\", " +
        "\"YYYY-MM-DD\" dates, null; a leading ' keeps text as is), \"cells\":{\"E1\":\"=SUM(D2:D9)\"}, \"header\":true (first row bold), \"freeze\":\"A2\", " +
        "\"autofilter\":\"A1:D9\", \"widths\":{\"A\":20}, \"merge\":[\"A1:D1\"], " +
        "\"formats\":[{\"range\":\"C2:D9\",\"number_format\":\"currency:EUR\"|\"integer\"|\"decimal\"|\"percent\"|\"percent1\"|\"date\"|\"month\"|\"0.000\",\"bold\":true," +
        "\"italic\":true,\"font_size\":12,\"font_color\":\"#9C0006\",\"fill\":\"#FFF2CC\",\"align\":\"center\",\"wrap\":true,\"border\":\"thin\"|\"bottom\"}], " +
        "\"tables\":[{\"name\":\"Items\",\"range\":\"A1:D9\",\"style\":\"TableStyleMedium2\"}], " +
        "\"conditional_formats\":[{\"range\":\"D2:D9\",\"type\":\"color_scale\"|\"data_bar\"|\"greater_than\"|\"less_than\"|\"between\"|\"equal\"|\"text_contains\"|\"formula\"," +
        "\"value\":100,\"value2\":200,\"formula\":\"$D2>100\",\"fill\":\"#FFC7CE\",\"font_color\":\"#9C0006\",\"colors\":[\"#F8696B\",\"#63BE7B\"]}], " +
        "\"validations\":[{\"range\":\"B2:B99\",\"list\":[\"A\",\"B\"]} or {\"range\":\"B2:B99\",\"source\":\"Lists!A2:A9\"}], " +
        "\"charts\":[{\"type\":\"column\"|\"bar\"|\"line\"|\"pie\"|\"scatter\",\"title\":\"…\",\"categories\":\"A2:A9\",\"series\":[{\"name\":\"Total\",\"values\":\"D2:D9\"}]," +
        "\"anchor\":\"G2\",\"width\":8,\"height\":16}]}], \"names\":{\"Rate\":\"Inputs!B2\"}}. Cross-sheet refs: 'Sheet Name'!A1. Functions: SUM AVERAGE MIN MAX COUNT COUNTA " +
        "COUNTBLANK PRODUCT SUMIF(S) COUNTIF(S) AVERAGEIF(S) MAXIFS MINIFS IF IFS IFERROR IFNA AND OR NOT ISBLANK ISNUMBER ISTEXT ISERROR VLOOKUP HLOOKUP INDEX MATCH " +
        "ROUND ROUNDUP ROUNDDOWN ABS INT MOD POWER SQRT TEXT CONCATENATE CONCAT LEFT RIGHT MID LEN UPPER LOWER TRIM VALUE DATE YEAR MONTH DAY EOMONTH EDATE WEEKDAY " +
        "(no XLOOKUP: use INDEX/MATCH). A formula that errors, is circular or refers to a missing sheet is refused with the reason.";

    private static ToolDescriptor Tool(Delegate method, string name, ToolEffects effects, string description, Func<AIFunctionArguments, ToolEffects>? effectsOfCall = null) =>
        new(AIFunctionFactory.Create(method, name, description), effects, effectsOfCall);

}
