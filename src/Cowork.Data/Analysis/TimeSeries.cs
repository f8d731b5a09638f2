using System.Globalization;
using MathNet.Numerics;

namespace Cowork.Data;

/// <summary>
/// A value resampled by day, week, month, quarter or year (empty periods filled: 0 for sums and counts, blank for
/// means, as pandas' resample), with a moving average, the change from the period before, a linear trend and, with
/// enough periods, a seasonal index (by month of year, or weekday).
/// </summary>
internal static class TimeSeries
{
    public const int MaxPeriods = 5000;

    public static AnalysisResult Resample(Dataset data, string dateColumn, string? valueColumn, string period, string aggregate, int window, CancellationToken cancellationToken = default)
    {
        var date = data.Column(dateColumn);
        if (!date.Format.IsTemporal)
        {
            throw new ToolException($"'{date.Name}' is not a date column (it reads as {date.Format.Kind}).");
        }

        period = (period ?? "month").Trim().ToLowerInvariant() switch
        {
            "d" or "daily" or "day" => "day",
            "w" or "weekly" or "week" => "week",
            "m" or "monthly" or "month" or "" => "month",
            "q" or "quarterly" or "quarter" => "quarter",
            "y" or "yearly" or "annual" or "year" => "year",
            var other => throw new ToolException($"Unknown period '{other}': use day, week, month, quarter or year."),
        };
        var value = valueColumn is null or "" ? null : GroupBy.Numeric(data, valueColumn);
        var name = Aggregate.Check(aggregate is null or "" ? (value is null ? "count" : "sum") : aggregate);
        window = Math.Clamp(window <= 0 ? 3 : window, 2, 365);
        var warnings = new LoadWarnings();
        var buckets = new Dictionary<DateTime, Aggregate>();
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            var field = row.Fields[date.Index];
            if (ColumnFormat.IsNull(field) || !date.Format.TryDate(field!, out var when))
            {
                continue;
            }

            var start = Start(when, period);
            if (!buckets.TryGetValue(start, out var bucket))
            {
                if (buckets.Count >= MaxPeriods)
                {
                    throw new ToolException($"More than {MaxPeriods} {period}s; resample by a longer period.");
                }

                bucket = new Aggregate();
                buckets[start] = bucket;
            }

            bucket.AddRow();
            if (value is not null && value.Format.TryValue(row.Fields[value.Index], out var x))
            {
                bucket.Add(x, name == "median");
            }
        }

        if (buckets.Count == 0)
        {
            throw new ToolException($"'{date.Name}' has no readable dates.");
        }

        var periods = new List<(DateTime Start, double Value)>();
        var last = buckets.Keys.Max();
        for (var start = buckets.Keys.Min(); start <= last; start = Next(start, period))
        {
            var filled = name is "sum" or "count" ? 0 : double.NaN;
            periods.Add((start, buckets.TryGetValue(start, out var b) ? b.Value(name, value is not null) : filled));
            if (periods.Count > MaxPeriods)
            {
                throw new ToolException($"More than {MaxPeriods} {period}s between the first and last date; resample by a longer period.");
            }
        }

        var rows = new List<object?[]>();
        for (var i = 0; i < periods.Count; i++)
        {
            var moving = i + 1 >= window ? periods.Skip(i + 1 - window).Take(window).Average(p => p.Value) : double.NaN;
            var previous = i > 0 ? periods[i - 1].Value : double.NaN;
            var change = i > 0 && previous != 0 ? 100 * (periods[i].Value - previous) / Math.Abs(previous) : double.NaN;
            rows.Add([KeyExpression.PeriodKey(periods[i].Start, period), periods[i].Value, moving, change]);
        }

        var what = value is null ? "rows" : $"{name} of {value.Name}";
        var findings = new List<string>();
        var known = periods.Select((p, i) => (X: (double)i, Y: p.Value)).Where(p => !double.IsNaN(p.Y)).ToArray();
        if (known.Length >= 3)
        {
            var (intercept, slope) = Fit.Line([.. known.Select(p => p.X)], [.. known.Select(p => p.Y)]);
            var r2 = GoodnessOfFit.RSquared(known.Select(p => intercept + (slope * p.X)), known.Select(p => p.Y));
            var mean = known.Average(p => p.Y);
            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Trend: {(slope >= 0 ? "up" : "down")} {ResultTable.Format(Math.Abs(slope))} per {period} ({(mean != 0 ? Math.Abs(100 * slope / mean) : 0):0.#}% of the average {period}), R² = {r2:0.##} (linear fit over {known.Length} {period}s)."));
        }

        var best = periods.Where(p => !double.IsNaN(p.Value)).MaxBy(p => p.Value);
        var worst = periods.Where(p => !double.IsNaN(p.Value)).MinBy(p => p.Value);
        findings.Add($"Highest {period}: {KeyExpression.PeriodKey(best.Start, period)} ({ResultTable.Format(best.Value)}); lowest: {KeyExpression.PeriodKey(worst.Start, period)} ({ResultTable.Format(worst.Value)}).");
        if (periods.Count >= 2 && !double.IsNaN((double)rows[^1][3]!))
        {
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"Last {period} ({rows[^1][0]}) vs the one before: {(double)rows[^1][3]!:+0.#;-0.#;0}%."));
        }

        if (Seasonality(periods, period) is { } seasonal)
        {
            findings.Add(seasonal);
        }

        var header = new List<string> { period, what.Replace(' ', '_'), $"moving_average_{window}", "change_%" };
        return new AnalysisResult($"{GroupBy.Capitalize(what)} by {period} of {date.Name}", new ResultTable(header, rows), findings, warnings.Lines())
        {
            Pivot = new PivotDefinition($"{period}({date.Name})", null, value?.Name, name, [.. rows.Select(r => (string)r[0]!)], [], IsTimeSeries: true),
        };
    }

    /// <summary>Seasonal index (mean of the season over the overall mean) by month of year with two years of months, or by weekday with two weeks of days.</summary>
    private static string? Seasonality(List<(DateTime Start, double Value)> periods, string period)
    {
        var known = periods.Where(p => !double.IsNaN(p.Value)).ToList();
        Func<DateTime, string>? season = period switch
        {
            "month" when known.Count >= 24 => d => d.ToString("MMM", CultureInfo.InvariantCulture),
            "day" when known.Count >= 14 => d => d.DayOfWeek.ToString(),
            _ => null,
        };
        if (season is null)
        {
            return null;
        }

        var mean = known.Average(p => p.Value);
        if (mean == 0)
        {
            return null;
        }

        var index = known.GroupBy(p => season(p.Start)).Select(g => (Season: g.Key, Index: g.Average(p => p.Value) / mean)).ToList();
        var high = index.MaxBy(s => s.Index);
        var low = index.MinBy(s => s.Index);
        return string.Create(CultureInfo.InvariantCulture,
            $"Seasonality: {high.Season} runs {100 * (high.Index - 1):+0;-0}% against the average, {low.Season} {100 * (low.Index - 1):+0;-0}%.");
    }

    internal static DateTime Start(DateTime date, string period) => period switch
    {
        "day" => date.Date,
        "week" => date.Date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        "month" => new DateTime(date.Year, date.Month, 1),
        "quarter" => new DateTime(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1),
        _ => new DateTime(date.Year, 1, 1),
    };

    internal static DateTime Next(DateTime start, string period) => period switch
    {
        "day" => start.AddDays(1),
        "week" => start.AddDays(7),
        "month" => start.AddMonths(1),
        "quarter" => start.AddMonths(3),
        _ => start.AddYears(1),
    };
}
