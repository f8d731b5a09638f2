using System.Globalization;
using Cowork.Documents;
using Cowork.Tests;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Data.Tests;

/// <summary>Analyses written as a workbook: the pivots are formulas over the Data sheet, cached with the analysis' values, and LibreOffice agrees.</summary>
public sealed class AnalysisWorkbookTests : IDisposable
{
    private readonly string _folder = TestFiles.TempFolder();
    private readonly Cowork.Files.Workspace _workspace;
    private readonly DataTools _tools;

    public AnalysisWorkbookTests()
    {
        File.Copy(TestFiles.SalesCsv, Path.Combine(_folder, "sales.csv"));
        _workspace = TestFiles.Workspace(_folder);
        _tools = new DataTools(_workspace, null);
    }

    public void Dispose() => _workspace.Dispose();

    private static readonly AnalysisRequest[] SalesAnalyses =
    [
        new("group_by", GroupBy: "region", ValueColumn: "revenue"),
        new("crosstab", RowsBy: "region", ColumnsBy: "month(order_date)", ValueColumn: "revenue"),
        new("crosstab", RowsBy: "product", ColumnsBy: "region", ValueColumn: "unit_price", Aggregate: "mean"),
        new("time_series", DateColumn: "order_date", ValueColumn: "revenue", Period: "month"),
        new("outliers", Column: "revenue"),
    ];

    [Fact]
    public void Group_by_cross_tab_and_time_series_are_formulas_over_the_data_cached_with_the_analysis_values()
    {
        var text = _tools.MakeAnalysisWorkbook("sales.csv", SalesAnalyses, "report.xlsx");
        Assert.Contains("2,226 rows", text, StringComparison.Ordinal);
        var sheets = Read(Path.Combine(_folder, "report.xlsx"));
        Assert.Equal("Summary", sheets.Keys.First());
        Assert.Equal("Data", sheets.Keys.Last());
        Assert.Equal(7, sheets.Count);
        Assert.Equal(2227, sheets["Data"].Keys.Max(k => k.Row));

        var groupBy = sheets["revenue by region"];
        var north = groupBy.Values.Single(c => c.Value is "North");
        var sum = groupBy[(north.Row, 2)];
        Assert.Equal("SUMIFS(Data!$G:$G,Data!$C:$C,\"=North\")", sum.Formula);
        var expected = DataTools.Run(TestFiles.Open(TestFiles.SalesCsv), "group_by", null, null, "region", null, null, "revenue", null, null, null, null, null, null, 3, 10, false, CancellationToken.None);
        Assert.Equal(ResultTable.Number(expected.Table.Rows.Single(r => (string)r[0]! == "North")[1]), (double)sum.Value!, 6);
        var total = groupBy.Values.Single(c => c.Value is "Total");
        Assert.Equal("SUM(B2:B5)", groupBy[(total.Row, 2)].Formula);
        Assert.Equal(1.0, (double)groupBy[(total.Row, 3)].Value!, 9);

        var crossTab = sheets["revenue by region x month"];
        Assert.Equal("SUMIFS(Data!$G:$G,Data!$C:$C,\"=East\",Data!$B:$B,\">=\"&DATE(2025,1,1),Data!$B:$B,\"<\"&DATE(2025,2,1))", crossTab[(2, 2)].Formula);
        Assert.StartsWith("SUM(B2:", crossTab.Values.Single(c => c.Row == 2 && c.Column == crossTab.Keys.Where(k => k.Row == 1).Max(k => k.Column)).Formula, StringComparison.Ordinal);

        var means = sheets["mean unit_price by product x re"];
        Assert.StartsWith("AVERAGEIFS(Data!$F:$F,Data!$D:$D,", means[(2, 2)].Formula, StringComparison.Ordinal);

        var series = sheets["revenue by month"];
        Assert.Equal("AVERAGE(B2:B4)", series[(4, 3)].Formula);
        Assert.Equal("IF(B2=0,\"\",(B3-B2)/ABS(B2))", series[(3, 4)].Formula);

        Assert.DoesNotContain(sheets["Outliers in revenue"].Values, c => c.Formula is not null);
        Assert.Equal(["revenue by region", "revenue by month"], Charts(Path.Combine(_folder, "report.xlsx")));
        Assert.Contains(sheets["Summary"].Values, c => c.Value is string s && s.Contains("formulas over the Data sheet", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task LibreOffice_recalculates_every_formula_to_the_analysis_value()
    {
        _tools.MakeAnalysisWorkbook("sales.csv", SalesAnalyses, "report.xlsx");
        ExternalTool.Require("soffice", "libreoffice-calc");
        var path = Path.Combine(_folder, "report.xlsx");
        var context = new VerificationContext(path, path, _folder, LibreOffice.Find(), TimeSpan.FromMinutes(3));
        await new XlsxCheck().CheckAsync(context, CancellationToken.None);
        Assert.True(context.Findings.Count == 0, string.Join("; ", context.Findings.Select(f => f.Message)));
        Assert.Contains(context.Passed, p => p.Contains("formulas recalculated", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Messy_keys_times_gaps_and_every_aggregate_recalculate_to_the_analysis_values()
    {
        // Wildcard characters and quotes in keys, numeric and yes/no keys, times of day, missing and unreadable values,
        // and weeks without rows (a mean of nothing stays blank): each path of the formulas meets LibreOffice.
        var random = new Random(7);
        string[] teams = ["a*b", "x?y", "say \"hi\"", "~tilde", "Plain"];
        var lines = new List<string> { "id,when,team,size,flag,amount" };
        for (var i = 1; i <= 400; i++)
        {
            var day = new DateTime(2024, 1, 1).AddDays(random.Next(0, 120) is var d && d is >= 30 and < 45 ? d + 20 : d).AddMinutes(random.Next(0, 1440));
            var amount = i % 37 == 0 ? "n/a" : i % 41 == 0 ? "" : i % 97 == 0 ? "unreadable" : $"\"${random.Next(1, 5000) / 4.0:#,##0.00}\"";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i},{day:yyyy-MM-dd HH:mm},\"{teams[random.Next(teams.Length)].Replace("\"", "\"\"", StringComparison.Ordinal)}\",{random.Next(1, 4)},{(random.Next(2) == 0 ? "yes" : "no")},{amount}"));
        }

        File.WriteAllLines(Path.Combine(_folder, "messy.csv"), lines);
        AnalysisRequest[] analyses =
        [
            new("group_by", GroupBy: "team", ValueColumn: "amount", Aggregate: "mean,count,sum,min,max"),
            new("group_by", GroupBy: "size"),
            new("crosstab", RowsBy: "team", ColumnsBy: "flag", ValueColumn: "amount"),
            new("crosstab", RowsBy: "size", ColumnsBy: "quarter(when)", ValueColumn: "amount", Aggregate: "min"),
            new("crosstab", RowsBy: "team", ColumnsBy: "week(when)", ValueColumn: "amount", Aggregate: "mean"),
            new("crosstab", RowsBy: "team", ColumnsBy: "flag", Percent: "row"),
            new("time_series", DateColumn: "when", ValueColumn: "amount", Period: "week", Aggregate: "mean"),
            new("time_series", DateColumn: "when", Period: "day"),
        ];
        var text = _tools.MakeAnalysisWorkbook("messy.csv", analyses, "messy.xlsx");
        ExternalTool.Require("soffice", "libreoffice-calc");
        var path = Path.Combine(_folder, "messy.xlsx");
        var context = new VerificationContext(path, path, _folder, LibreOffice.Find(), TimeSpan.FromMinutes(3));
        await new XlsxCheck().CheckAsync(context, CancellationToken.None);
        Assert.True(context.Findings.Count == 0, string.Join("; ", context.Findings.Select(f => f.Message)));
        var formulas = int.Parse(text.Split(" formulas")[0].Split("; ")[^1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Contains(context.Passed, p => p.Contains($"{formulas} formulas recalculated", StringComparison.Ordinal));
        Assert.True(formulas > 500, text);
    }

    [Fact]
    public void Keys_that_criteria_cannot_tell_apart_are_written_as_values_and_said_so()
    {
        File.WriteAllText(Path.Combine(_folder, "cases.csv"), "team,points\nRed,3\nred,4\nBlue,5\n");
        _tools.MakeAnalysisWorkbook("cases.csv", [new("group_by", GroupBy: "team", ValueColumn: "points")], "cases.xlsx");
        var sheets = Read(Path.Combine(_folder, "cases.xlsx"));
        Assert.DoesNotContain(sheets["points by team"].Values, c => c.Formula is not null);
        Assert.Contains(sheets["Summary"].Values, c => c.Value is string s && s.Contains("differ only in case", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_requests_get_clear_errors_and_write_nothing()
    {
        Assert.Contains("at least one analysis", Assert.Throws<ToolException>(() => _tools.MakeAnalysisWorkbook("sales.csv", [])).Message, StringComparison.Ordinal);
        Assert.Contains(".xlsx", Assert.Throws<ToolException>(() => _tools.MakeAnalysisWorkbook("sales.csv", SalesAnalyses, "report.csv")).Message, StringComparison.Ordinal);
        Assert.Throws<ToolException>(() => _tools.MakeAnalysisWorkbook("sales.csv", [new("group_by", GroupBy: "no_such_column")]));
        Assert.Equal(["sales.csv"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    private sealed record Cell(int Row, int Column, object? Value, string? Formula);

    /// <summary>The sheets that hold a native chart.</summary>
    private static List<string> Charts(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        return [.. workbook.Workbook.Sheets!.Elements<Sheet>()
            .Where(s => ((WorksheetPart)workbook.GetPartById(s.Id!)).DrawingsPart?.ChartParts.Any() == true).Select(s => s.Name!.Value!)];
    }

    /// <summary>Every sheet's cells by (row, column), values as stored (shared strings resolved).</summary>
    private static Dictionary<string, Dictionary<(int Row, int Column), Cell>> Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = new Dictionary<string, Dictionary<(int, int), Cell>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var cells = new Dictionary<(int, int), Cell>();
            foreach (var cell in part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                var reference = cell.CellReference!.Value!;
                var letters = new string([.. reference.TakeWhile(char.IsAsciiLetter)]);
                var row = int.Parse(reference[letters.Length..], CultureInfo.InvariantCulture);
                var column = letters.Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));
                var text = cell.CellValue?.Text;
                object? value = text is null ? null
                    : cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(text, CultureInfo.InvariantCulture)]
                    : cell.DataType?.Value == CellValues.String ? text
                    : double.Parse(text, CultureInfo.InvariantCulture);
                cells[(row, column)] = new Cell(row, column, value, cell.CellFormula?.Text);
            }

            sheets[sheet.Name!.Value!] = cells;
        }

        return sheets;
    }
}
