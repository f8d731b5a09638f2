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

    [Fact]
    public void Formulas_of_one_shape_get_each_their_own_rows_values()
    {
        var path = Write(50, r => StreamingCell.FormulaOf($"C{r}*10+D{r}"));
        var formulas = CorpusTests.Formulas(path);
        for (var r = 2; r <= 51; r++)
        {
            var i = r - 1;
            Assert.Equal(i * 0.5 * 10 + i % 3, formulas[("Data", new CellAddress(r, 5))].Value);
            Assert.Equal($"C{r}*10+D{r}", formulas[("Data", new CellAddress(r, 5))].Formula);
        }
    }

    [Fact]
    public void A_formula_that_names_another_row_is_refused_even_after_one_of_the_same_look_was_allowed()
    {
        // Row 2 has C2+D2 (its own row); row 3's C2+D3 looks alike but reads row 2, and must not reuse row 2's tree.
        var ex = Assert.Throws<ToolException>(() => Write(3, r => StreamingCell.FormulaOf(r == 2 ? "C2+D2" : $"C2+D{r}")));
        Assert.Contains("Data!E3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("own row (3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_with_markup_control_characters_and_edge_spaces_reads_back_as_written()
    {
        var path = Path.Combine(_folder, "text.xlsx");
        var texts = new[] { "  padded  ", "a < b & \"c\"", "bell\u0007here", "emoji 📈 and ü" };
        using (var stream = File.Create(path))
        using (var writer = new StreamingWorkbookWriter(stream))
        {
            writer.BeginSheet("Text & <more>");
            for (var i = 0; i < texts.Length; i++)
            {
                writer.WriteRow([StreamingCell.Of(texts[i]), StreamingCell.FormulaOf($"A{i + 1}&\"!\"")]);
            }

            writer.Finish();
        }

        using var read = File.OpenRead(path);
        using var reader = XlsxReader.Open(read, path);
        Assert.Equal(["Text & <more>"], reader.Sheets);
        var cells = reader.Cells("Text & <more>").ToList();
        Assert.Equal(["  padded  ", "a < b & \"c\"", "bell_x0007_here", "emoji 📈 and ü"], cells.Where(c => c.Address.Column == 1).Select(c => c.Value));
        Assert.Equal(["  padded  !", "a < b & \"c\"!", "bell_x0007_here!", "emoji 📈 and ü!"], cells.Where(c => c.Address.Column == 2).Select(c => c.Value));
    }

    [Fact]
    public void A_number_that_is_not_finite_and_a_second_sheet_of_the_same_name_are_refused()
    {
        using var stream = new MemoryStream();
        using var writer = new StreamingWorkbookWriter(stream);
        writer.BeginSheet("Data");
        var ex = Assert.Throws<ToolException>(() => writer.WriteRow([StreamingCell.Of(1), StreamingCell.Of(double.NaN)]));
        Assert.Contains("B1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ToolException>(() => writer.BeginSheet("data"));
        Assert.Throws<ToolException>(() => writer.BeginSheet("a/b"));
    }
}
