namespace Cowork;

/// <summary>"Make an expense report from the receipts in this folder."</summary>
internal sealed record ExpenseReportIntent(FolderGrant Folder) : RequestIntent(Folder)
{
    public const string ReportName = "Expense report.xlsx";

    public string ReportPath => Path.Combine(Folder.Path, ReportName);
}
