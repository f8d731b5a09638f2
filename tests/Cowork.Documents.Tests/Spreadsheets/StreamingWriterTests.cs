using Cowork.Tests;

namespace Cowork.Documents.Tests;

public sealed class StreamingWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-stream-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(int rows, Func<int, StreamingCell> formula)
    {
        var path = Path.Combine(_folder, "big.xlsx");
        using var stream = File.Create(path);
        using var writer = new StreamingWorkbookWriter(stream);
        writer.BeginSheet("Data", ["Id", "Name", "A", "B", "Total"]);
        for (var i = 1; i <= rows; i++)
        {
            writer.WriteRow([StreamingCell.Of(i), StreamingCell.Of($"Item <{i % 7}> & co"), StreamingCell.Of(i * 0.5), StreamingCell.Of(i % 3), formula(i + 1)]);
        }

        writer.Finish();
        return path;
    }

    [SkippableFact]
    public async Task A_streamed_sheet_is_valid_and_LibreOffice_agrees_with_its_cached_values()
    {
        var path = Write(300, r => StreamingCell.FormulaOf($"=IF(D{r}>0,SUM(C{r}:D{r}),CONCAT(\"none \",B{r}))"));
        var context = new VerificationContext(path, path, _folder, LibreOffice.Find(), TimeSpan.FromMinutes(2));
        ExternalTool.Require("soffice", "libreoffice-calc");
        await new XlsxCheck().CheckAsync(context, CancellationToken.None);
        Assert.True(context.Findings.Count == 0, string.Join("; ", context.Findings.Select(f => f.Message)));
        Assert.Contains(context.Passed, p => p.Contains("300 formulas recalculated", StringComparison.Ordinal));
        var formulas = CorpusTests.Formulas(path);
        Assert.Equal("none Item <3> & co", formulas[("Data", CellAddress.Parse("E4"))].Value);
        Assert.Equal("IF(D4>0,SUM(C4:D4),_xlfn.CONCAT(\"none \",B4))", formulas[("Data", CellAddress.Parse("E4"))].Formula);
    }

    [Fact]
    public void A_streamed_formula_outside_its_row_is_refused()
    {
        var ex = Assert.Throws<ToolException>(() => Write(3, r => StreamingCell.FormulaOf($"=SUM(C2:C{r})")));
        Assert.Contains("may refer only to cells of its own row", ex.Message, StringComparison.Ordinal);
    }
}
