using System.Globalization;
using Cowork.Tests;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Cli.Tests;

/// <summary>"Make an expense report from the receipts in this folder" offline, end to end, then undone.</summary>
public sealed class ExpenseReportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task The_receipts_become_a_verified_workbook_with_the_right_totals_and_undo_removes_it()
    {
        ExternalTool.Require("tesseract", "tesseract-ocr");
        ExternalTool.Require("soffice", "libreoffice-calc");
        var receipts = _temp.Combine("Receipts");
        Directory.CreateDirectory(receipts);
        foreach (var file in Directory.GetFiles(Path.Combine(TempFolder.RepositoryRoot(), "samples", "Receipts")))
        {
            File.Copy(file, Path.Combine(receipts, Path.GetFileName(file)));
        }

        var before = TreeSnapshot.Take(receipts);
        var cli = new CliRun(_temp);
        Assert.Equal(0, await cli.InvokeAsync("run", "make an expense report from the receipts in this folder", "--folder", receipts, "--yes"));

        var output = cli.Output.ToString();
        var report = Path.Combine(receipts, "Expense report.xlsx");
        Assert.True(File.Exists(report), output);
        Assert.Contains("Totals: 328.29 EUR, 54.20 GBP", output, StringComparison.Ordinal);
        Assert.Contains("blurry-photo.png: no readable text", output, StringComparison.Ordinal);
        Assert.Contains("PASSED", output, StringComparison.Ordinal);

        using (var document = SpreadsheetDocument.Open(report, false))
        {
            var workbook = document.WorkbookPart!;
            var summary = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Summary");
            var cells = ((WorksheetPart)workbook.GetPartById(summary.Id!)).Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
            Assert.StartsWith("SUM(", cells["D9"].CellFormula!.Text, StringComparison.Ordinal);
            Assert.Equal(328.29, double.Parse(cells["D9"].CellValue!.Text, CultureInfo.InvariantCulture), 6);
            Assert.Equal(54.2, double.Parse(cells["D19"].CellValue!.Text, CultureInfo.InvariantCulture), 6);
            Assert.StartsWith("SUMIFS(Receipts!", cells["B3"].CellFormula!.Text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await new CliRun(_temp).InvokeAsync("undo", "last"));
        Assert.False(File.Exists(report));
        Assert.Equal(before, TreeSnapshot.Take(receipts));
    }
}
