using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Documents;

/// <summary>
/// A native chart part (c:chartSpace) with its data in an embedded workbook, so "Edit Data" in PowerPoint and Word
/// opens the numbers behind it. Shared by decks and reports.
/// </summary>
internal static class NativeChart
{
    public const string GraphicDataUri = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    private const int MaxSeries = 12;
    private const int MaxCategories = 200;

    /// <exception cref="ToolException">The chart has no data, or a series' values do not match the categories.</exception>
    public static void Check(SlideChartSpec chart, string where)
    {
        if (chart.Categories.Count == 0 || chart.Series.Count == 0)
        {
            throw new ToolException($"{where}: a chart needs categories and at least one series with values.");
        }

        if (chart.Categories.Count > MaxCategories || chart.Series.Count > MaxSeries)
        {
            throw new ToolException($"{where}: a chart takes at most {MaxCategories} categories and {MaxSeries} series; summarize the data first.");
        }

        foreach (var series in chart.Series)
        {
            if (series.Values.Count != chart.Categories.Count)
            {
                throw new ToolException($"{where}: series \"{series.Name}\" has {series.Values.Count} values for {chart.Categories.Count} categories.");
            }

            if (series.Values.Any(v => !double.IsFinite(v)))
            {
                throw new ToolException($"{where}: series \"{series.Name}\" has a value that is not a finite number.");
            }
        }

        if (Kind(chart) == "pie" && chart.Series.Count != 1)
        {
            throw new ToolException($"{where}: a pie chart has exactly one series.");
        }

        if (Kind(chart) is not ("column" or "bar" or "line" or "pie"))
        {
            throw new ToolException($"{where}: chart type \"{chart.Type}\" is not one of column, bar, line, pie.");
        }
    }

    /// <summary>Writes the chart into <paramref name="part"/>, text at <paramref name="fontSize"/> points.</summary>
    public static void Write(ChartPart part, SlideChartSpec chart, int fontSize)
    {
        var embedded = part.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
        using (var workbook = new MemoryStream())
        {
            WriteWorkbook(workbook, chart);
            workbook.Position = 0;
            embedded.FeedData(workbook);
        }

        var xml = ChartSpaceXml(chart, fontSize, part.GetIdOfPart(embedded));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        part.FeedData(stream);
    }

    private static string Kind(SlideChartSpec chart) => chart.Type.Trim().ToLowerInvariant();

    private static string ChartSpaceXml(SlideChartSpec chart, int fontSize, string workbookId)
    {
        var kind = Kind(chart);
        var n = chart.Categories.Count;
        var format = Xml.Escape(chart.NumberFormat ?? "General");
        var x = new StringBuilder();
        x.Append("<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
        x.Append("<c:date1904 val=\"0\"/><c:roundedCorners val=\"0\"/><c:chart>");
        if (!string.IsNullOrWhiteSpace(chart.Title))
        {
            x.Append("<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"").Append((fontSize + 2) * 100)
                .Append("\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"en-US\" sz=\"").Append((fontSize + 2) * 100).Append("\" b=\"1\"><a:solidFill><a:srgbClr val=\"")
                .Append(Palette.Text).Append("\"/></a:solidFill></a:rPr><a:t>").Append(Xml.Escape(chart.Title))
                .Append("</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>");
        }
        else
        {
            x.Append("<c:autoTitleDeleted val=\"1\"/>");
        }

        x.Append("<c:plotArea><c:layout/>");
        x.Append(kind switch
        {
            "line" => "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>",
            "pie" => "<c:pieChart><c:varyColors val=\"1\"/>",
            _ => $"<c:barChart><c:barDir val=\"{(kind == "bar" ? "bar" : "col")}\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>",
        });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var column = ColumnName(s + 1);
            var color = Palette.Accents[s % Palette.Accents.Length];
            x.Append("<c:ser><c:idx val=\"").Append(s).Append("\"/><c:order val=\"").Append(s).Append("\"/>");
            x.Append("<c:tx><c:strRef><c:f>Sheet1!$").Append(column).Append("$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>")
                .Append(Xml.Escape(series.Name)).Append("</c:v></c:pt></c:strCache></c:strRef></c:tx>");
            switch (kind)
            {
                case "line":
                    x.Append("<c:spPr><a:ln w=\"34925\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"").Append(color).Append("\"/></a:solidFill><a:round/></a:ln></c:spPr>");
                    x.Append("<c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/><c:spPr><a:solidFill><a:srgbClr val=\"").Append(color)
                        .Append("\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>");
                    break;
                case "pie":
                    x.Append("<c:spPr><a:ln w=\"19050\"><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill></a:ln></c:spPr>");
                    for (var p = 0; p < n; p++)
                    {
                        x.Append("<c:dPt><c:idx val=\"").Append(p).Append("\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"")
                            .Append(Palette.Accents[p % Palette.Accents.Length]).Append("\"/></a:solidFill><a:ln w=\"19050\"><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill></a:ln></c:spPr></c:dPt>");
                    }

                    x.Append("<c:dLbls><c:numFmt formatCode=\"0%\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>")
                        .Append(TextProperties(fontSize, "FFFFFF", bold: true))
                        .Append("<c:dLblPos val=\"inEnd\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"0\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"1\"/><c:showBubbleSize val=\"0\"/><c:showLeaderLines val=\"0\"/></c:dLbls>");
                    break;
                default:
                    x.Append("<c:spPr><a:solidFill><a:srgbClr val=\"").Append(color).Append("\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>");
                    break;
            }

            x.Append("<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$").Append(n + 1).Append("</c:f><c:strCache><c:ptCount val=\"").Append(n).Append("\"/>");
            for (var p = 0; p < n; p++)
            {
                x.Append("<c:pt idx=\"").Append(p).Append("\"><c:v>").Append(Xml.Escape(chart.Categories[p])).Append("</c:v></c:pt>");
            }

            x.Append("</c:strCache></c:strRef></c:cat>");
            x.Append("<c:val><c:numRef><c:f>Sheet1!$").Append(column).Append("$2:$").Append(column).Append('$').Append(n + 1)
                .Append("</c:f><c:numCache><c:formatCode>").Append(format).Append("</c:formatCode><c:ptCount val=\"").Append(n).Append("\"/>");
            for (var p = 0; p < n; p++)
            {
                x.Append("<c:pt idx=\"").Append(p).Append("\"><c:v>").Append(Xml.Number(series.Values[p])).Append("</c:v></c:pt>");
            }

            x.Append("</c:numCache></c:numRef></c:val>");
            if (kind == "line")
            {
                x.Append("<c:smooth val=\"0\"/>");
            }

            x.Append("</c:ser>");
        }

        switch (kind)
        {
            case "line":
                x.Append("<c:marker val=\"1\"/><c:axId val=\"500000001\"/><c:axId val=\"500000002\"/></c:lineChart>");
                break;
            case "pie":
                x.Append("<c:firstSliceAng val=\"0\"/></c:pieChart>");
                break;
            default:
                x.Append("<c:gapWidth val=\"60\"/><c:overlap val=\"").Append(chart.Series.Count > 1 ? "-10" : "0").Append("\"/><c:axId val=\"500000001\"/><c:axId val=\"500000002\"/></c:barChart>");
                break;
        }

        if (kind != "pie")
        {
            var horizontal = kind == "bar";
            x.Append("<c:catAx><c:axId val=\"500000001\"/><c:scaling><c:orientation val=\"").Append(horizontal ? "maxMin" : "minMax")
                .Append("\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"").Append(horizontal ? "l" : "b")
                .Append("\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>")
                .Append("<c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"").Append(Palette.Rule).Append("\"/></a:solidFill></a:ln></c:spPr>")
                .Append(TextProperties(fontSize, Palette.Text, bold: false))
                .Append("<c:crossAx val=\"500000002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>");
            x.Append("<c:valAx><c:axId val=\"500000002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"")
                .Append(horizontal ? "t" : "l").Append("\"/><c:majorGridlines><c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"").Append(Palette.Subtle)
                .Append("\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode=\"").Append(format)
                .Append("\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>")
                .Append(TextProperties(fontSize, Palette.Muted, bold: false))
                .Append("<c:crossAx val=\"500000001\"/><c:crosses val=\"").Append(horizontal ? "max" : "autoZero").Append("\"/><c:crossBetween val=\"between\"/></c:valAx>");
        }

        x.Append("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>");
        if (kind == "pie" || chart.Series.Count > 1)
        {
            x.Append("<c:legend><c:legendPos val=\"").Append(kind == "pie" ? "r" : "b").Append("\"/><c:overlay val=\"0\"/>")
                .Append(TextProperties(fontSize, Palette.Text, bold: false)).Append("</c:legend>");
        }

        x.Append("<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>");
        x.Append("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
        x.Append(TextProperties(fontSize, Palette.Text, bold: false));
        x.Append("<c:externalData r:id=\"").Append(workbookId).Append("\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>");
        return x.ToString();
    }

    private static string TextProperties(int fontSize, string color, bool bold) =>
        $"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"{fontSize * 100}\" b=\"{(bold ? 1 : 0)}\"><a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill>" +
        $"<a:latin typeface=\"{Palette.Font}\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"en-US\"/></a:p></c:txPr>";

    /// <summary>The chart's data as a one-sheet workbook: categories in column A, one column per series.</summary>
    private static void WriteWorkbook(Stream stream, SlideChartSpec chart)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        header.Append(TextCell("A1", ""));
        for (var s = 0; s < chart.Series.Count; s++)
        {
            header.Append(TextCell($"{ColumnName(s + 1)}1", chart.Series[s].Name));
        }

        data.Append(header);
        for (var p = 0; p < chart.Categories.Count; p++)
        {
            var rowIndex = (uint)(p + 2);
            var row = new Row { RowIndex = rowIndex };
            row.Append(TextCell($"A{rowIndex}", chart.Categories[p]));
            for (var s = 0; s < chart.Series.Count; s++)
            {
                row.Append(new Cell { CellReference = $"{ColumnName(s + 1)}{rowIndex}", CellValue = new CellValue(chart.Series[s].Values[p]) });
            }

            data.Append(row);
        }

        sheetPart.Worksheet = new Worksheet(data);
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) }));
    }

    private static Cell TextCell(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Xml.Clean(text))) };

    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }
}
