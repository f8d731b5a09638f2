using Cowork.Tests;

namespace Cowork.Documents.Tests;

/// <summary>Bad specs and bad files: a clear error or a finding, never a broken file delivered as done.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly ToolHarness _tools = new();

    public void Dispose() => _tools.Dispose();

    private Task<string> Create(string path, string spec) =>
        _tools.CallAsync(ToolNames.CreateWorkbook, new() { ["path"] = path, ["spec"] = spec });

    [Theory]
    [InlineData("{\"sheets\":[{\"name\":\"A\",\"rows\":[[\"=Missing!A1*2\"]]}]}", "the sheet 'Missing', which does not exist")]
    [InlineData("{\"sheets\":[{\"name\":\"A\",\"cells\":{\"A1\":\"=B1\",\"B1\":\"=A1+1\"}}]}", "Circular reference")]
    [InlineData("{\"sheets\":[{\"name\":\"A\",\"cells\":{\"A1\":\"=XLOOKUP(1,B1:B2,C1:C2)\"}}]}", "XLOOKUP, which Cowork cannot calculate")]
    [InlineData("{\"sheets\":[{\"name\":\"A\",\"cells\":{\"A1\":\"=1/0\"}}]}", "evaluate to errors: A!A1 (=1/0) is #DIV/0!")]
    [InlineData("{\"sheets\":[{\"name\":\"A\",\"colour\":1}]}", "not valid")]
    [InlineData("{\"sheets\":[{\"name\":\"A/B\"}]}", "cannot be a sheet name")]
    [InlineData("{\"sheets\":[{\"name\":\"A\",\"rows\":[[1]],\"charts\":[{\"type\":\"radar\",\"series\":[{\"values\":\"A1\"}]}]}]}", "radar")]
    public async Task A_bad_spec_is_refused_with_the_reason_and_nothing_is_written(string spec, string reason)
    {
        var path = Path.Combine(_tools.Folder, "out.xlsx");
        var ex = await Assert.ThrowsAsync<ToolException>(() => Create(path, spec));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_path_outside_the_grants_is_refused()
    {
        var outside = Path.Combine(Path.GetTempPath(), "cowork-outside-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await Assert.ThrowsAsync<ToolException>(() => Create(outside, "{\"sheets\":[{\"name\":\"A\",\"rows\":[[1]]}]}"));
        Assert.False(File.Exists(outside));
    }

    [Fact]
    public async Task A_written_workbook_reads_back_and_is_a_deliverable()
    {
        var path = Path.Combine(_tools.Folder, "ok.xlsx");
        var result = await Create(path, "{\"sheets\":[{\"name\":\"Data\",\"rows\":[[\"n\"],[2],[3]],\"cells\":{\"B1\":\"=SUM(A2:A3)\"}}]}");
        Assert.Contains("1 formulas", result, StringComparison.Ordinal);
        Assert.Contains(_tools.Events, e => e is DeliverableAdded d && d.Path == path);
        var read = await _tools.CallAsync(ToolNames.ReadWorkbook, new() { ["path"] = path });
        Assert.Contains("B1 = 5   [=SUM(A2:A3)]", read, StringComparison.Ordinal);
        Assert.Contains("used range A1:B3", read, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ToolException>(() => Create(path, "{\"sheets\":[{\"name\":\"A\"}]}"));
    }

    [Fact]
    public async Task A_corrupt_workbook_is_a_clear_error_to_read_and_a_failed_verification()
    {
        var path = Path.Combine(_tools.Folder, "broken.xlsx");
        await File.WriteAllTextAsync(path, "this is not a zip");
        var ex = await Assert.ThrowsAsync<ToolException>(() => _tools.CallAsync(ToolNames.ReadWorkbook, new() { ["path"] = path }));
        Assert.Contains("is not a readable .xlsx workbook", ex.Message, StringComparison.Ordinal);
        var verified = await _tools.CallAsync(ToolNames.VerifyDocument, new() { ["path"] = path, ["render"] = false });
        Assert.StartsWith("FAILED", verified, StringComparison.Ordinal);
        Assert.Contains("not a readable .xlsx", verified, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Verification_finds_a_stale_cached_value_that_LibreOffice_recalculates()
    {
        ExternalTool.Require("soffice", "libreoffice-calc");
        var path = Path.Combine(_tools.Folder, "stale.xlsx");
        await Create(path, "{\"sheets\":[{\"name\":\"Data\",\"rows\":[[\"n\"],[2],[3]],\"cells\":{\"B1\":\"=SUM(A2:A3)\"}}]}");
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, true))
        {
            var cell = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == "B1");
            cell.CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue("99");
        }

        var verified = await _tools.CallAsync(ToolNames.VerifyDocument, new() { ["path"] = path, ["render"] = false });
        Assert.StartsWith("FAILED", verified, StringComparison.Ordinal);
        Assert.Contains("Data!B1 (=SUM(A2:A3)): cached 99, LibreOffice 5", verified, StringComparison.Ordinal);
    }
}
