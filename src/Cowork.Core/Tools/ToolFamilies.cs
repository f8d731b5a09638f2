namespace Cowork;

/// <summary>
/// The families of the built-in tools that are declared only when a task needs them (see <see cref="ToolFamily"/>).
/// The file tools, the plan, the artifact reader and verify_document (every deliverable is verified) are in none:
/// every task gets them.
/// </summary>
/// <remarks>
/// Declaring every tool on every call made the first request 28 KB; a request that names no family's cue now starts
/// with the file tools alone, and the model loads the rest with <see cref="ToolNames.LoadTools"/> when it finds it needs them.
/// </remarks>
public static class ToolFamilies
{
    public static ToolFamily Chores { get; } = new("chores", "sort a folder's files into subfolders, rename them by pattern, find duplicates",
        [ToolNames.OrganizeFolder, ToolNames.RenameFiles, ToolNames.FindDuplicates],
        ["organi", "sort", "tidy", "clean", "declutter", "arrang", "rename", "renaming", "duplicat", "dedup", "copies", "by type", "by date"]);

    public static ToolFamily Spreadsheets { get; } = new("spreadsheets", ".xlsx workbooks with formulas and charts; receipts and expense reports",
        [ToolNames.CreateWorkbook, ToolNames.ReadWorkbook, ToolNames.ExtractReceipts, ToolNames.MakeExpenseReport],
        ["spreadsheet", "workbook", "excel", "xlsx", "sheet", "formula", "receipt", "expense", "invoice", "budget", "ledger"]);

    public static ToolFamily Documents { get; } = new("documents", "Word reports, PowerPoint decks, reading .docx/.pptx/.pdf, meeting notes",
        [ToolNames.CreateDocument, ToolNames.CreatePresentation, ToolNames.ReadDocument, ToolNames.SummarizeNotes],
        ["document", "docx", "word", "report", "memo", "letter", "deck", "slide", "presentation", "pptx", "powerpoint", "pdf", "notes", "meeting", "minutes", "summar"]);

    public static ToolFamily Data { get; } = new("data", "profile, analyze, transform and chart CSV/TSV/XLSX/JSON data",
        [ToolNames.ProfileData, ToolNames.AnalyzeData, ToolNames.TransformData, ToolNames.MakeChart, ToolNames.MakeAnalysisWorkbook],
        ["data", "csv", "tsv", "xlsx", "json", "analy", "statistic", "outlier", "trend", "pivot", "crosstab", "correlat", "average", "median",
         "chart", "graph", "plot", "histogram", "column", "transform", "filter", "sales", "revenue"]);

    public static ToolFamily Code { get; } = new("code", "run a Python or bash program in a sandbox when no other tool fits",
        [ToolNames.RunCode],
        ["python", "script", "code", "bash", "shell", "program"]);

    public static IReadOnlyList<ToolFamily> All { get; } = [Chores, Spreadsheets, Documents, Data, Code];
}
