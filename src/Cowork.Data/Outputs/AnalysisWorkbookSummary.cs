namespace Cowork.Data;

/// <summary>What <see cref="AnalysisWorkbook"/> wrote: the sheets in order, how many formulas, how many data rows.</summary>
internal sealed record AnalysisWorkbookSummary(IReadOnlyList<string> Sheets, int Formulas, long DataRows);
