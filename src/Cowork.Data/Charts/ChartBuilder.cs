using MathNet.Numerics;

namespace Cowork.Data;

/// <summary>Turns a dataset and the columns to show into a <see cref="ChartSpec"/>, through the same analyses the tools run.</summary>
internal static class ChartBuilder
{
    private const int MaxBars = 30;
    private const int MaxSlices = 8;
    private const int MaxBoxes = 15;
    private const int MaxPoints = 20_000;

    public static ChartSpec Build(Dataset data, string kind, string? x, string? y, string? aggregate, string? period, string? title, string? xLabel, string? yLabel, CancellationToken cancellationToken)
    {
        var chart = Enum.TryParse<ChartKind>(kind?.Trim(), ignoreCase: true, out var k) ? k
            : throw new ToolException($"Unknown chart kind '{kind}': use bar, line, scatter, histogram, box or pie.");
        var value = y is null ? null : GroupBy.Numeric(data, y);
        var name = Aggregate.Check(aggregate is null or "" ? (value is null ? "count" : "sum") : aggregate);
        var valueLabel = value is null ? "Rows" : $"{GroupBy.Capitalize(name == "sum" ? "total" : name)} {value.Name}{Unit(value)}";
        switch (chart)
        {
            case ChartKind.Bar or ChartKind.Pie:
            {
                var key = x ?? throw new ToolException($"A {kind} chart needs x: the category column.");
                var result = GroupBy.Aggregate(data, [key], value?.Name, [name], cancellationToken);
                var rows = result.Table.Rows.Select(r => (Key: (string)r[0]!, Value: ResultTable.Number(r[1]))).ToList();
                var limit = chart == ChartKind.Bar ? MaxBars : MaxSlices;
                if (rows.Count > limit)
                {
                    var rest = rows.Skip(limit - 1).Sum(r => r.Value);
                    rows = [.. rows.Take(limit - 1), ("other", rest)];
                }

                var keyExpression = KeyExpression.Parse(data, key);
                if (keyExpression.Period is not null)
                {
                    rows = [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)];
                }

                return new ChartSpec(chart, title ?? $"{valueLabel} by {keyExpression.Text}", [new ChartSeries(valueLabel, [.. rows.Select(r => r.Value)])],
                    xLabel ?? keyExpression.Text, yLabel ?? valueLabel, [.. rows.Select(r => r.Key)]);
            }

            case ChartKind.Line:
            {
                var dateName = x ?? data.Columns.FirstOrDefault(c => c.Format.IsTemporal)?.Name ?? throw new ToolException("A line chart needs x: a date or numeric column.");
                var bare = KeyExpression.Parse(data, dateName);
                if (!bare.Column.Format.IsTemporal)
                {
                    var line = GroupBy.Aggregate(data, [dateName], value?.Name, [name], cancellationToken);
                    var points = line.Table.Rows.Select(r => (X: bare.Column.Format.TryNumber((string)r[0]!, out var n) ? n : double.NaN, Y: ResultTable.Number(r[1])))
                        .Where(p => !double.IsNaN(p.X)).OrderBy(p => p.X).ToList();
                    return new ChartSpec(chart, title ?? $"{valueLabel} by {bare.Text}", [new ChartSeries(valueLabel, [.. points.Select(p => p.Y)], [.. points.Select(p => p.X)])],
                        xLabel ?? bare.Column.Name + Unit(bare.Column), yLabel ?? valueLabel);
                }

                var every = bare.Period ?? period ?? "month";
                var series = TimeSeries.Resample(data, bare.Column.Name, value?.Name, every, name, 3, cancellationToken);
                var labels = series.Table.Rows.Select(r => (string)r[0]!).ToList();
                var values = series.Table.Rows.Select(r => ResultTable.Number(r[1])).ToArray();
                var all = new List<ChartSeries> { new(valueLabel, values) };
                var known = values.Select((v, i) => (X: (double)i, Y: v)).Where(p => !double.IsNaN(p.Y)).ToArray();
                if (known.Length >= 3)
                {
                    var (intercept, slope) = Fit.Line([.. known.Select(p => p.X)], [.. known.Select(p => p.Y)]);
                    all.Add(new ChartSeries("Linear trend", [.. values.Select((_, i) => intercept + (slope * i))]));
                }

                return new ChartSpec(chart, title ?? $"{valueLabel} by {every}", all, xLabel ?? GroupBy.Capitalize(every), yLabel ?? valueLabel, labels);
            }

            case ChartKind.Scatter:
            {
                var xColumn = GroupBy.Numeric(data, x ?? throw new ToolException("A scatter chart needs x and y."));
                var yColumn = value ?? throw new ToolException("A scatter chart needs y.");
                var xs = new List<double>();
                var ys = new List<double>();
                var random = new Random(7);
                var seen = 0L;
                foreach (var row in data.Rows(new LoadWarnings(), cancellationToken))
                {
                    if (!xColumn.Format.TryValue(row.Fields[xColumn.Index], out var a) || !yColumn.Format.TryValue(row.Fields[yColumn.Index], out var b))
                    {
                        continue;
                    }

                    // A uniform sample of the points: a million dots draw as ink, not information.
                    seen++;
                    if (xs.Count < MaxPoints)
                    {
                        xs.Add(a);
                        ys.Add(b);
                    }
                    else if (random.NextInt64(seen) is var slot && slot < MaxPoints)
                    {
                        xs[(int)slot] = a;
                        ys[(int)slot] = b;
                    }
                }

                return new ChartSpec(chart, title ?? $"{yColumn.Name} against {xColumn.Name}", [new ChartSeries(yColumn.Name, ys, xs)],
                    xLabel ?? xColumn.Name + Unit(xColumn), yLabel ?? yColumn.Name + Unit(yColumn));
            }

            case ChartKind.Histogram:
            {
                var column = value ?? (x is null ? null : GroupBy.Numeric(data, x)) ?? throw new ToolException("A histogram needs y: the numeric column.");
                var sample = new Profiling(column);
                foreach (var row in data.Rows(new LoadWarnings(), cancellationToken))
                {
                    sample.Add(row);
                }

                return new ChartSpec(chart, title ?? $"Distribution of {column.Name}", [new ChartSeries(column.Name, sample.Values.Sorted().ToArray())],
                    xLabel ?? column.Name + Unit(column), yLabel ?? "Rows");
            }

            default:
            {
                var column = value ?? throw new ToolException("A box chart needs y: the numeric column.");
                var group = x is null ? null : KeyExpression.Parse(data, x);
                var groups = new Dictionary<string, Profiling>(StringComparer.Ordinal);
                foreach (var row in data.Rows(new LoadWarnings(), cancellationToken))
                {
                    var key = group is null ? column.Name : group.KeyOf(row);
                    if (key is null)
                    {
                        continue;
                    }

                    if (!groups.TryGetValue(key, out var sample))
                    {
                        if (groups.Count >= 1000)
                        {
                            throw new ToolException($"'{x}' has more than 1,000 groups; a box chart shows up to {MaxBoxes}.");
                        }

                        sample = new Profiling(column, 1 << 16);
                        groups[key] = sample;
                    }

                    sample.Add(row);
                }

                var shown = groups.OrderByDescending(g => g.Value.Values.Seen).Take(MaxBoxes).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                return new ChartSpec(chart, title ?? $"{column.Name}{(group is null ? "" : $" by {group.Text}")}",
                    [.. shown.Select(g => new ChartSeries(g.Key, g.Value.Values.Sorted().ToArray()))], xLabel ?? group?.Text, yLabel ?? column.Name + Unit(column), [.. shown.Select(g => g.Key)]);
            }
        }
    }

    private static string Unit(ColumnInfo column) => column.Format.Unit is { } unit ? $" ({unit})" : "";

    /// <summary>One column's numbers, sampled as the profile samples them.</summary>
    private sealed class Profiling(ColumnInfo column, int capacity = NumberSample.DefaultCapacity)
    {
        public NumberSample Values { get; } = new(capacity);

        public void Add(DataRow row)
        {
            if (column.Format.TryValue(row.Fields[column.Index], out var v))
            {
                Values.Add(v);
            }
        }
    }
}
