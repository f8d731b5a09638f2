namespace Cowork.Cli.Tests;

/// <summary>A data analysis request offline, end to end through the CLI: findings with the right numbers, charts, then undone.</summary>
public sealed class DataAnalysisTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sales_are_analyzed_into_findings_and_charts_and_undo_removes_them()
    {
        var folder = _temp.Combine("data");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TempFolder.RepositoryRoot(), "samples", "Data", "sales.csv"), Path.Combine(folder, "sales.csv"));
        var original = File.ReadAllBytes(Path.Combine(folder, "sales.csv"));
        var cli = new CliRun(_temp);

        Assert.Equal(0, await cli.InvokeAsync("run", "analyze sales.csv: outliers, revenue by region and month, trend chart", "--folder", folder, "--yes"));

        var findings = File.ReadAllText(Path.Combine(folder, "sales-analysis", "findings.md"));

        // Known values of the sample (pandas agrees: see Cowork.Data.Tests): 2,226 orders, 681,953.25 in all, East 216,769.25, order 2256 the largest.
        Assert.Contains("2,226 rows × 7 columns", findings, StringComparison.Ordinal);
        Assert.Contains("| total |", findings, StringComparison.Ordinal);
        Assert.Contains("681953.25", findings, StringComparison.Ordinal);
        Assert.Contains("216769.25", findings, StringComparison.Ordinal);
        Assert.Contains("75 outliers in revenue", findings, StringComparison.Ordinal);
        Assert.Contains("order_id=2256 (20000)", findings, StringComparison.Ordinal);
        Assert.Contains("Trend: up", findings, StringComparison.Ordinal);
        Assert.Contains("![revenue-by-month](revenue-by-month.png)", findings, StringComparison.Ordinal);
        var chart = File.ReadAllBytes(Path.Combine(folder, "sales-analysis", "revenue-by-month.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, chart[..4]);
        Assert.True(File.Exists(Path.Combine(folder, "sales-analysis", "revenue-by-region.png")));

        // The tables again as a workbook of formulas over the data, recalculated by LibreOffice during the task.
        Assert.True(File.Exists(Path.Combine(folder, "sales-analysis", "sales-analysis.xlsx")));
        Assert.Contains("sales-analysis.xlsx: the tables as formulas over the data; verification ", findings, StringComparison.Ordinal);
        if (Cowork.Documents.LibreOffice.Find() is not null || Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Contains("verification PASSED", findings, StringComparison.Ordinal);
        }

        Assert.Equal(0, await new CliRun(_temp).InvokeAsync("undo", "last"));
        // Created files go to Cowork's trash on undo (as every removal does); the data is untouched.
        Assert.False(Directory.Exists(Path.Combine(folder, "sales-analysis")));
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(folder, "sales.csv")));
        Assert.Equal(["sales.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
