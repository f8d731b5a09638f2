using Cowork.Tests;

namespace Cowork.Documents.Tests;

/// <summary>The expense-report job on the bundled sample receipts (text, CSV, PDF, OCR'd images, one unreadable).</summary>
public sealed class ExpenseReportTests : IDisposable
{
    private readonly ToolHarness _tools = new();

    public ExpenseReportTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(ToolHarness.RepositoryRoot(), "samples", "Receipts")))
        {
            File.Copy(file, Path.Combine(_tools.Folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => _tools.Dispose();

    [SkippableFact]
    public async Task The_sample_receipts_give_the_right_totals_and_the_unreadable_one_is_listed_for_review()
    {
        ExternalTool.Require("tesseract", "tesseract-ocr");
        var result = await _tools.CallAsync(ToolNames.ExtractReceipts, new() { ["path"] = _tools.Folder });

        Assert.Contains("Read 8 receipts", result, StringComparison.Ordinal);
        Assert.Contains("Totals: 328.29 EUR, 54.20 GBP", result, StringComparison.Ordinal);
        Assert.Contains("REVIEW blurry-photo.png", result, StringComparison.Ordinal);
        Assert.Contains("2024-04-02  PAPER & CO OFFICE SUPPLIES  [Office supplies]  45.80 EUR  (paper-and-co.png)", result, StringComparison.Ordinal);
        Assert.Contains("2024-03-05  Hotel Bellevue  [Lodging]  189.00 EUR  (hotel-bellevue.pdf)", result, StringComparison.Ordinal);
        Assert.Contains("2024-04-12  NATIONAL RAIL  [Travel]  54.20 GBP  (national-rail.png)", result, StringComparison.Ordinal);
        Assert.Contains("2024-03-05  CITY TAXI CO.  [Travel]  23.40 EUR  (city-taxi.txt)", result, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_expense_report_sums_by_category_and_month_and_LibreOffice_agrees()
    {
        ExternalTool.Require("tesseract", "tesseract-ocr");
        ExternalTool.Require("soffice", "libreoffice-calc");
        var written = await _tools.CallAsync(ToolNames.MakeExpenseReport, new() { ["path"] = _tools.Folder });
        var report = Path.Combine(_tools.Folder, "Expense report.xlsx");
        Assert.Contains("Wrote", written, StringComparison.Ordinal);
        Assert.Contains(_tools.Events, e => e is DeliverableAdded d && d.Path == report);

        var cells = CorpusTests.Formulas(report);
        object? At(string sheet, string cell) => cells.TryGetValue((sheet, CellAddress.Parse(cell)), out var c) ? c.Value : null;

        // Summary (EUR block): categories sorted, months 2024-03 and 2024-04, totals by SUMIFS.
        var summary = await _tools.CallAsync(ToolNames.ReadWorkbook, new() { ["path"] = report, ["sheet"] = "Summary", ["max_cells"] = 2000 });
        Assert.Contains("A3 = \"Lodging\"", summary, StringComparison.Ordinal);
        Assert.Equal(189d, At("Summary", "B3"));
        Assert.Equal(9.5d, At("Summary", "B4"));       // Meals, March
        Assert.Equal(38.6d, At("Summary", "C4"));      // Meals, April
        Assert.Equal(35.4d, At("Summary", "B7"));      // Travel, March: taxi 23.40 + parking 12.00
        Assert.Equal(328.29, (double)At("Summary", "D9")!, 6);
        Assert.Equal(54.2, (double)At("Summary", "D19")!, 6);
        Assert.Contains("[=IFERROR(VLOOKUP(B2,Categories!$A$2:$B$9,2,FALSE),\"Uncategorized\")]", await _tools.CallAsync(ToolNames.ReadWorkbook, new() { ["path"] = report, ["sheet"] = "Receipts" }), StringComparison.Ordinal);

        var verified = await _tools.CallAsync(ToolNames.VerifyDocument, new() { ["path"] = report, ["render"] = false });
        Assert.True(verified.StartsWith("PASSED", StringComparison.Ordinal), verified);
        Assert.Contains("every cached value equal to LibreOffice's", verified, StringComparison.Ordinal);
    }
}
