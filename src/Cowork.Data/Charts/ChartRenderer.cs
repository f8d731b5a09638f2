using MathNet.Numerics.Statistics;
using ScottPlot;

namespace Cowork.Data;

/// <summary>
/// Renders a <see cref="ChartSpec"/> to PNG or SVG bytes with ScottPlot: the project's one chart renderer, for the
/// data tools and for charts placed in documents and decks.
/// </summary>
/// <remarks>
/// Text is sized for a report page (title 26 px, labels 20 px, ticks 16 px at 1200 px wide). Category labels turn
/// 45° when they would collide and are thinned to every n-th when there are too many. Thread-safe: each call draws its own plot.
/// </remarks>
public static class ChartRenderer
{
    private const int MaxCategoryLabels = 40;

    /// <exception cref="ArgumentException">The spec has no data, or data the kind cannot draw.</exception>
    public static byte[] Render(ChartSpec spec, ChartFormat format)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Series.Count == 0 || spec.Series.All(s => s.Values.Count == 0))
        {
            throw new ArgumentException("A chart needs at least one value.", nameof(spec));
        }

        var width = Math.Clamp(spec.Width, 300, 4000);
        var height = Math.Clamp(spec.Height, 200, 4000);
        var plot = new Plot();
        try
        {
            Style(plot, spec, width);
            switch (spec.Kind)
            {
                case ChartKind.Bar:
                    Bars(plot, spec, width);
                    break;
                case ChartKind.Line:
                    Lines(plot, spec, width, markers: true);
                    break;
                case ChartKind.Scatter:
                    Scatter(plot, spec);
                    break;
                case ChartKind.Histogram:
                    Histogram(plot, spec);
                    break;
                case ChartKind.Box:
                    Boxes(plot, spec, width);
                    break;
                case ChartKind.Pie:
                    Pie(plot, spec);
                    break;
            }

            return format == ChartFormat.Svg
                ? System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))
                : plot.GetImageBytes(width, height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void Style(Plot plot, ChartSpec spec, int width)
    {
        var scale = width / 1200f;
        plot.Font.Set("DejaVu Sans");
        plot.Title(spec.Title, 26 * scale);
        plot.Axes.Title.Label.Bold = true;
        if (spec.XLabel is { } x)
        {
            plot.XLabel(x, 20 * scale);
        }

        if (spec.YLabel is { } y)
        {
            plot.YLabel(y, 20 * scale);
        }

        plot.Axes.Bottom.TickLabelStyle.FontSize = 16 * scale;
        plot.Axes.Left.TickLabelStyle.FontSize = 16 * scale;
        plot.Legend.FontSize = 16 * scale;
    }

    private static void Bars(Plot plot, ChartSpec spec, int width)
    {
        var groups = spec.Series.Count;
        var count = spec.Series.Max(s => s.Values.Count);
        var bars = new List<Bar>();
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < groups; s++)
        {
            for (var i = 0; i < spec.Series[s].Values.Count; i++)
            {
                // Grouped bars: the series side by side within each category's unit slot.
                var slot = 0.8 / groups;
                bars.Add(new Bar
                {
                    Position = i - 0.4 + (slot * (s + 0.5)),
                    Value = spec.Series[s].Values[i],
                    Size = slot * 0.9,
                    FillColor = palette.GetColor(s),
                    LineWidth = 0,
                });
            }
        }

        plot.Add.Bars(bars);
        Legend(plot, spec, palette);
        CategoryTicks(plot, spec.Categories ?? [.. Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], width);
        plot.Axes.Margins(bottom: 0);
    }

    private static void Lines(Plot plot, ChartSpec spec, int width, bool markers)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            var xs = series.X?.ToArray() ?? [.. Enumerable.Range(0, series.Values.Count).Select(i => (double)i)];
            var line = plot.Add.Scatter(xs, series.Values.ToArray(), palette.GetColor(s));
            line.LineWidth = 3;
            line.MarkerSize = markers && xs.Length <= 60 ? 8 : 0;
            line.LegendText = series.Name;
        }

        if (spec.Series.Count > 1)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        if (spec.DateX)
        {
            plot.Axes.DateTimeTicksBottom();
            plot.Axes.Bottom.TickLabelStyle.FontSize = 16 * width / 1200f;
        }
        else if (spec.Categories is { Count: > 0 } categories && spec.Series.All(s => s.X is null))
        {
            CategoryTicks(plot, categories, width);
        }
    }

    private static void Scatter(Plot plot, ChartSpec spec)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            if (series.X is null || series.X.Count != series.Values.Count)
            {
                throw new ArgumentException("A scatter series needs as many x as y values.", nameof(spec));
            }

            var points = plot.Add.ScatterPoints(series.X.ToArray(), series.Values.ToArray(), palette.GetColor(s));
            points.MarkerSize = series.Values.Count > 2000 ? 3 : 6;
            points.LegendText = series.Name;
        }

        if (spec.Series.Count > 1)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        if (spec.DateX)
        {
            plot.Axes.DateTimeTicksBottom();
        }
    }

    private static void Histogram(Plot plot, ChartSpec spec)
    {
        var values = spec.Series[0].Values.Where(double.IsFinite).ToArray();
        if (values.Length == 0)
        {
            throw new ArgumentException("A histogram needs finite values.", nameof(spec));
        }

        var bins = spec.Bins ?? Math.Clamp((int)Math.Ceiling(Math.Log2(values.Length)) + 1, 5, 60);
        var min = values.Min();
        var max = values.Max();
        if (max == min)
        {
            max = min + 1;
        }

        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, min, max);
        histogram.AddRange(values);
        var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
        var size = histogram.FirstBinSize;
        foreach (var bar in bars.Bars)
        {
            bar.Position += size / 2;
            bar.Size = size * 0.95;
            bar.LineWidth = 0;
        }

        plot.Axes.Margins(bottom: 0);
        if (spec.YLabel is null)
        {
            plot.YLabel("Rows", plot.Axes.Left.Label.FontSize);
        }
    }

    private static void Boxes(Plot plot, ChartSpec spec, int width)
    {
        var boxes = new List<Box>();
        for (var i = 0; i < spec.Series.Count; i++)
        {
            var sorted = spec.Series[i].Values.Where(double.IsFinite).Order().ToArray();
            if (sorted.Length == 0)
            {
                continue;
            }

            var q1 = SortedArrayStatistics.QuantileCustom(sorted, 0.25, QuantileDefinition.R7);
            var q3 = SortedArrayStatistics.QuantileCustom(sorted, 0.75, QuantileDefinition.R7);
            var reach = 1.5 * (q3 - q1);

            // Tukey's whiskers: the furthest values within 1.5 IQR of the box.
            boxes.Add(new Box
            {
                Position = i,
                BoxMin = q1,
                BoxMax = q3,
                BoxMiddle = SortedArrayStatistics.QuantileCustom(sorted, 0.5, QuantileDefinition.R7),
                WhiskerMin = sorted.First(v => v >= q1 - reach),
                WhiskerMax = sorted.Last(v => v <= q3 + reach),
            });
        }

        plot.Add.Boxes(boxes);
        CategoryTicks(plot, spec.Categories ?? [.. spec.Series.Select(s => s.Name)], width);
    }

    private static void Pie(Plot plot, ChartSpec spec)
    {
        var values = spec.Series[0].Values;
        var labels = spec.Categories ?? [.. Enumerable.Range(1, values.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var total = values.Where(v => v > 0).Sum();
        var palette = new ScottPlot.Palettes.Category10();
        var slices = values.Select((v, i) => new PieSlice
        {
            Value = Math.Max(0, v),
            FillColor = palette.GetColor(i),
            LegendText = $"{(i < labels.Count ? labels[i] : "")} ({(total > 0 ? 100 * v / total : 0):0.#}%)",
        }).ToList();
        var pie = plot.Add.Pie(slices);
        pie.ExplodeFraction = 0.02;
        // The axes mean nothing for a pie; the title stays.
        foreach (var axis in (ScottPlot.IAxis[])[plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Top, plot.Axes.Right])
        {
            axis.IsVisible = false;
        }

        plot.HideGrid();
        plot.ShowLegend(Edge.Right);
    }

    private static void Legend(Plot plot, ChartSpec spec, IPalette palette)
    {
        if (spec.Series.Count < 2)
        {
            return;
        }

        plot.Legend.ManualItems.Clear();
        for (var s = 0; s < spec.Series.Count; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = spec.Series[s].Name, FillColor = palette.GetColor(s) });
        }

        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>Category names under their positions: turned 45° when they would collide, thinned when there are too many.</summary>
    private static void CategoryTicks(Plot plot, IReadOnlyList<string> categories, int width)
    {
        var step = Math.Max(1, (int)Math.Ceiling(categories.Count / (double)MaxCategoryLabels));
        var positions = new List<double>();
        var labels = new List<string>();
        for (var i = 0; i < categories.Count; i += step)
        {
            positions.Add(i);
            labels.Add(categories[i].Length > 24 ? categories[i][..23] + "…" : categories[i]);
        }

        plot.Axes.Bottom.SetTicks([.. positions], [.. labels]);
        var longest = labels.Count == 0 ? 0 : labels.Max(l => l.Length);
        var room = width * 0.8 / Math.Max(1, labels.Count);
        if (longest * 10 * width / 1200.0 > room)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = (float)(Math.Min(longest, 24) * 9 * width / 1200.0) + 20;
        }

        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
    }
}
