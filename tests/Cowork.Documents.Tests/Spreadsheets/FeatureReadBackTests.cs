using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Cowork.Documents.Tests;

/// <summary>What a spec asks for is in the file: formulas (with _xlfn.), formats, panes, filters, rules, lists, charts, tables, names.</summary>
public sealed class FeatureReadBackTests
{
    private static SpreadsheetDocument Open(string spec) =>
        SpreadsheetDocument.Open(new MemoryStream(WorkbookWriter.Write(Corpus.Load(spec)).Bytes), false);

    private static WorksheetPart Sheet(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == name);
        return (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
    }

    [Fact]
    public void The_dashboard_has_its_pane_filter_rules_list_charts_and_formats()
    {
        using var document = Open("01-sales-dashboard.json");
        Assert.True(document.WorkbookPart!.Workbook.CalculationProperties!.FullCalculationOnLoad!.Value);
        var part = Sheet(document, "Sales");
        var worksheet = part.Worksheet;
        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A1:E5", worksheet.Elements<AutoFilter>().Single().Reference!.Value);
        Assert.Equal(3, worksheet.Elements<ConditionalFormatting>().Count());
        Assert.Single(worksheet.Descendants<DataBar>());
        Assert.Single(worksheet.Descendants<ColorScale>());
        Assert.Equal("\"North,South,East,West\"", worksheet.Descendants<DataValidation>().Single().Formula1!.Text);
        var charts = part.DrawingsPart!.ChartParts.ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains(charts, c => c.ChartSpace.Descendants<C.BarChart>().Any());
        Assert.Contains(charts, c => c.ChartSpace.Descendants<C.LineChart>().Any());
        Assert.Equal("Sales!$E$2:$E$5", charts.SelectMany(c => c.ChartSpace.Descendants<C.Values>()).First().Descendants<C.Formula>().Single().Text);

        var cells = worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal("C2*D2", cells["E2"].CellFormula!.Text);
        Assert.Equal("1140", cells["E2"].CellValue!.Text);
        var styles = document.WorkbookPart.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cells["E2"].StyleIndex!.Value);
        Assert.Contains(styles.NumberingFormats!.Elements<NumberingFormat>(), f => f.NumberFormatId!.Value == format.NumberFormatId!.Value && f.FormatCode!.Value!.Contains('€'));
    }

    [Fact]
    public void Newer_functions_are_stored_with_the_xlfn_prefix()
    {
        using var document = Open("03-criteria.json");
        var cells = Sheet(document, "Data").Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal("_xlfn.MAXIFS(D2:D6,B2:B6,\"Office\")", cells["F7"].CellFormula!.Text);
        Assert.Equal("12", cells["F7"].CellValue!.Text);
        Assert.Equal("SUMIFS(C2:C6,B2:B6,\"Office\",D2:D6,\"<5\")", cells["F4"].CellFormula!.Text);
    }

    [Fact]
    public void Tables_names_and_merges_are_written()
    {
        using (var document = Open("14-table.json"))
        {
            var table = Sheet(document, "Staff").TableDefinitionParts.Single().Table;
            Assert.Equal("A1:C5", table.Reference!.Value);
            Assert.Equal(["Name", "Dept", "Salary"], table.TableColumns!.Elements<TableColumn>().Select(c => c.Name!.Value!));
            Assert.Equal("TableStyleMedium9", table.TableStyleInfo!.Name!.Value);
        }

        using (var document = Open("13-named-ranges.json"))
        {
            var names = document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().ToDictionary(d => d.Name!.Value!, d => d.Text);
            Assert.Equal("Inputs!$B$1", names["TaxRate"]);
            Assert.Equal("Calc!$A$2:$A$3", names["Amounts"]);
        }

        using (var document = Open("24-styles.json"))
        {
            Assert.Equal("A6:C6", Sheet(document, "Styled").Worksheet.Descendants<MergeCell>().Single().Reference!.Value);
        }
    }
}
