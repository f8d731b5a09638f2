using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Cowork.Documents;

/// <summary>Writes native charts (bar, column, line, pie, scatter) into a sheet's drawing, with cached points.</summary>
internal static class ChartWriter
{
    private static readonly string[] Palette = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E"];

    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { "bar", "column", "line", "pie", "scatter" };

    /// <summary>Adds the charts; <paramref name="value"/> reads a cell's computed value for the caches.</summary>
    public static void Add(WorksheetPart sheetPart, string sheet, IReadOnlyList<ChartSpec> charts, CellAddress defaultAnchor, Func<string, CellAddress, object?> value)
    {
        var drawingPart = sheetPart.AddNewPart<DrawingsPart>();
        var drawing = new Xdr.WorksheetDrawing();
        drawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        var anchor = defaultAnchor;
        for (var i = 0; i < charts.Count; i++)
        {
            var chart = charts[i];
            var at = chart.Anchor is null ? anchor : CellAddress.TryParse(chart.Anchor, out var given) ? given : throw new ToolException($"Chart anchor \"{chart.Anchor}\" is not a cell like H2.");
            anchor = new CellAddress(at.Row + chart.Height + 1, at.Column);
            var chartPart = drawingPart.AddNewPart<ChartPart>();
            chartPart.ChartSpace = Space(chart, sheet, value);
            drawing.Append(Anchor(drawingPart.GetIdOfPart(chartPart), (uint)(i + 2), chart, at));
        }

        drawingPart.WorksheetDrawing = drawing;
        sheetPart.Worksheet.Append(new DocumentFormat.OpenXml.Spreadsheet.Drawing { Id = sheetPart.GetIdOfPart(drawingPart) });
    }

    internal static C.ChartSpace Space(ChartSpec chart, string sheet, Func<string, CellAddress, object?> value)
    {
        var type = chart.Type.ToLowerInvariant();
        if (!Types.Contains(type))
        {
            throw new ToolException($"Chart type \"{chart.Type}\" is not supported; use bar, column, line, pie or scatter.");
        }

        if (chart.Series.Count == 0)
        {
            throw new ToolException("A chart needs at least one series with \"values\".");
        }

        var categories = chart.Categories is null ? (SheetReference?)null : SheetReference.Parse(chart.Categories, sheet);
        var plot = new C.PlotArea(new C.Layout());
        OpenXmlCompositeElement group = type switch
        {
            "bar" or "column" => new C.BarChart(new C.BarDirection { Val = type == "bar" ? C.BarDirectionValues.Bar : C.BarDirectionValues.Column },
                new C.BarGrouping { Val = C.BarGroupingValues.Clustered }, new C.VaryColors { Val = false }),
            "line" => new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false }),
            "pie" => new C.PieChart(new C.VaryColors { Val = true }),
            _ => new C.ScatterChart(new C.ScatterStyle { Val = C.ScatterStyleValues.LineMarker }, new C.VaryColors { Val = false }),
        };
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var values = SheetReference.Parse(series.Values, sheet);
            var color = Palette[s % Palette.Length];
            var text = new C.SeriesText(new C.NumericValue(series.Name ?? $"Series {s + 1}"));
            OpenXmlCompositeElement element = type switch
            {
                "bar" or "column" => new C.BarChartSeries(Index(s), Order(s), text, Shape(color, line: false), new C.InvertIfNegative { Val = false }),
                "line" => new C.LineChartSeries(Index(s), Order(s), text, Shape(color, line: true), new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 5 })),
                "pie" => new C.PieChartSeries(Index(s), Order(s), text),
                _ => new C.ScatterChartSeries(Index(s), Order(s), text, Shape(color, line: true), new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 5 })),
            };
            if (type == "pie" && categories is { } slices)
            {
                var count = Cells(slices).Count();
                for (var p = 0; p < count; p++)
                {
                    element.Append(new C.DataPoint(new C.Index { Val = (uint)p }, new C.Bubble3D { Val = false }, Shape(Palette[p % Palette.Length], line: false)));
                }

                element.Append(new C.DataLabels(new C.ShowLegendKey { Val = false }, new C.ShowValue { Val = false }, new C.ShowCategoryName { Val = false },
                    new C.ShowSeriesName { Val = false }, new C.ShowPercent { Val = true }, new C.ShowBubbleSize { Val = false }, new C.ShowLeaderLines { Val = true }));
            }

            if (type == "scatter")
            {
                if (categories is { } x)
                {
                    element.Append(new C.XValues(Numbers(x, value)));
                }

                element.Append(new C.YValues(Numbers(values, value)));
                element.Append(new C.Smooth { Val = false });
            }
            else
            {
                if (categories is { } cats)
                {
                    element.Append(new C.CategoryAxisData(Strings(cats, value)));
                }

                element.Append(new C.Values(Numbers(values, value)));
                if (type == "line")
                {
                    element.Append(new C.Smooth { Val = false });
                }
            }

            group.Append(element);
        }

        if (type is "bar" or "column")
        {
            group.Append(new C.GapWidth { Val = 80 });
        }

        if (type == "pie")
        {
            group.Append(new C.FirstSliceAngle { Val = 0 });
        }
        else
        {
            group.Append(new C.AxisId { Val = 1 }, new C.AxisId { Val = 2 });
        }

        plot.Append(group);
        if (type != "pie")
        {
            var bar = type == "bar";
            OpenXmlCompositeElement first = type == "scatter"
                ? ValueAxis(1, 2, C.AxisPositionValues.Bottom, chart.XTitle, gridlines: false)
                : new C.CategoryAxis(new C.AxisId { Val = 1 }, new C.Scaling(new C.Orientation { Val = bar ? C.OrientationValues.MaxMin : C.OrientationValues.MinMax }),
                    new C.Delete { Val = false }, new C.AxisPosition { Val = bar ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom });
            if (first is C.CategoryAxis category)
            {
                if (chart.XTitle is not null)
                {
                    category.Append(Title(chart.XTitle));
                }

                category.Append(new C.MajorTickMark { Val = C.TickMarkValues.None }, new C.MinorTickMark { Val = C.TickMarkValues.None },
                    new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = 2 }, new C.Crosses { Val = C.CrossesValues.AutoZero },
                    new C.AutoLabeled { Val = true }, new C.LabelAlignment { Val = C.LabelAlignmentValues.Center }, new C.LabelOffset { Val = 100 }, new C.NoMultiLevelLabels { Val = false });
            }

            plot.Append(first);
            plot.Append(ValueAxis(2, 1, bar ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left, chart.YTitle, gridlines: true));
        }

        var body = new C.Chart();
        if (chart.Title is not null)
        {
            body.Append(Title(chart.Title));
        }

        body.Append(new C.AutoTitleDeleted { Val = chart.Title is null });
        body.Append(plot);
        if (chart.Series.Count > 1 || type == "pie")
        {
            body.Append(new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }));
        }

        body.Append(new C.PlotVisibleOnly { Val = true }, new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });
        var space = new C.ChartSpace(new C.EditingLanguage { Val = "en-US" }, new C.RoundedCorners { Val = false }, body);
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        return space;
    }

    private static C.ValueAxis ValueAxis(uint id, uint crosses, C.AxisPositionValues position, string? title, bool gridlines)
    {
        var axis = new C.ValueAxis(new C.AxisId { Val = id }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }), new C.Delete { Val = false }, new C.AxisPosition { Val = position });
        if (gridlines)
        {
            axis.Append(new C.MajorGridlines(new C.ChartShapeProperties(new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "D9D9D9" })))));
        }

        if (title is not null)
        {
            axis.Append(Title(title));
        }

        axis.Append(new C.NumberingFormat { FormatCode = "General", SourceLinked = true }, new C.MajorTickMark { Val = C.TickMarkValues.None }, new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = crosses }, new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });
        return axis;
    }

    private static C.Title Title(string text) =>
        new(new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(),
            new A.Paragraph(new A.Run(new A.RunProperties { Language = "en-US" }, new A.Text(text))))), new C.Overlay { Val = false });

    private static C.ChartShapeProperties Shape(string color, bool line) => line
        ? new C.ChartShapeProperties(new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = color })) { Width = 28575 })
        : new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = color }));

    private static C.Index Index(int i) => new() { Val = (uint)i };

    private static C.Order Order(int i) => new() { Val = (uint)i };

    private static IEnumerable<CellAddress> Cells(SheetReference reference)
    {
        if ((long)reference.Range.Rows * reference.Range.Columns > 10_000)
        {
            throw new ToolException($"The chart range {reference.Absolute()} is too large; give the exact cells, e.g. B2:B13.");
        }

        for (var r = reference.Range.First.Row; r <= reference.Range.Last.Row; r++)
        {
            for (var c = reference.Range.First.Column; c <= reference.Range.Last.Column; c++)
            {
                yield return new CellAddress(r, c);
            }
        }
    }

    private static C.StringReference Strings(SheetReference reference, Func<string, CellAddress, object?> value)
    {
        var cells = Cells(reference).ToList();
        var cache = new C.StringCache(new C.PointCount { Val = (uint)cells.Count });
        for (var i = 0; i < cells.Count; i++)
        {
            var text = value(reference.Sheet, cells[i]) switch
            {
                null => null,
                double d => FormulaEvaluator.FormatGeneral(d),
                var other => FormulaEvaluator.Text(other).ToString(),
            };
            if (text is not null)
            {
                cache.Append(new C.StringPoint(new C.NumericValue(text)) { Index = (uint)i });
            }
        }

        return new C.StringReference(new C.Formula(reference.Absolute()), cache);
    }

    private static C.NumberReference Numbers(SheetReference reference, Func<string, CellAddress, object?> value)
    {
        var cells = Cells(reference).ToList();
        var cache = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)cells.Count });
        for (var i = 0; i < cells.Count; i++)
        {
            if (value(reference.Sheet, cells[i]) is double d)
            {
                cache.Append(new C.NumericPoint(new C.NumericValue(d.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)i });
            }
        }

        return new C.NumberReference(new C.Formula(reference.Absolute()), cache);
    }

    internal static Xdr.TwoCellAnchor Anchor(string chartId, uint id, ChartSpec chart, CellAddress at) =>
        new(
            new Xdr.FromMarker(new Xdr.ColumnId((at.Column - 1).ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
                new Xdr.RowId((at.Row - 1).ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.ToMarker(new Xdr.ColumnId((at.Column - 1 + chart.Width).ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
                new Xdr.RowId((at.Row - 1 + chart.Height).ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id, Name = $"Chart {id - 1}", Description = chart.Title ?? $"{chart.Type} chart" },
                    new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
            { Macro = "" },
            new Xdr.ClientData());
}
