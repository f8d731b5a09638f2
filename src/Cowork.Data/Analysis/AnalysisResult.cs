namespace Cowork.Data;

/// <summary>
/// One analysis' answer: a title, its table, sentences that name the rows and groups it is about, and the
/// problems met in the file. <see cref="Pivot"/> says how to rebuild the table as formulas over the data.
/// </summary>
public sealed record AnalysisResult(string Title, ResultTable Table, IReadOnlyList<string> Findings, IReadOnlyList<string> Warnings)
{
    /// <summary>For group-by and cross-tab results: the definition a workbook writer turns into SUMIFS/COUNTIFS formulas.</summary>
    public PivotDefinition? Pivot { get; init; }

    /// <summary>Whether some number is approximate (quantiles from a sample of a very large column).</summary>
    public bool Approximate { get; init; }
}
