namespace Cowork;

/// <summary>
/// The names of the built-in tools, in one place: the toolsets register them, the offline planner calls them,
/// and people name them in permission settings.
/// </summary>
public static class ToolNames
{
    public const string UpdatePlan = "update_plan";
    public const string ListFolder = "list_folder";
    public const string ReadFile = "read_file";
    public const string SearchFiles = "search_files";
    public const string FileInfo = "file_info";
    public const string WriteFile = "write_file";
    public const string MovePath = "move_path";
    public const string CopyFile = "copy_file";
    public const string MakeFolder = "make_folder";
    public const string DeleteFile = "delete_file";
    public const string OrganizeFolder = "organize_folder";
    public const string RenameFiles = "rename_files";
    public const string FindDuplicates = "find_duplicates";
    public const string ReadArtifact = "read_artifact";
    public const string RunCode = "run_code";

    // Reports, decks, readers and notes (Cowork.Documents: Word/, Presentations/, Reading/, Rendering/, Notes/).
    public const string CreateDocument = "create_document";
    public const string CreatePresentation = "create_presentation";
    public const string ReadDocument = "read_document";
    public const string SummarizeNotes = "summarize_notes";

    // Spreadsheets, verification and the expense-report job (Cowork.Documents).
    public const string CreateWorkbook = "create_workbook";
    public const string ReadWorkbook = "read_workbook";
    public const string VerifyDocument = "verify_document";
    public const string ExtractReceipts = "extract_receipts";
    public const string MakeExpenseReport = "make_expense_report";

    // Data analysis, transformations and charts (Cowork.Data).
    public const string ProfileData = "profile_data";
    public const string AnalyzeData = "analyze_data";
    public const string TransformData = "transform_data";
    public const string MakeChart = "make_chart";
    public const string MakeAnalysisWorkbook = "make_analysis_workbook";

    /// <summary>Declares more tool families to the model (<see cref="ToolFamilies"/>).</summary>
    public const string LoadTools = "load_tools";
}
