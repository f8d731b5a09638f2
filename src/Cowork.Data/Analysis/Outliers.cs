using System.Globalization;
using MathNet.Numerics.Statistics;

namespace Cowork.Data;

/// <summary>
/// Outliers of a numeric column, overall or per group, in two passes: the first gathers each group's quartiles, mean
/// and deviation, the second names the rows beyond the fences.
/// </summary>
/// <remarks>
/// iqr: below Q1 − k·IQR or above Q3 + k·IQR (k = 1.5), quartiles as pandas' quantile (R-7).
/// zscore: |x − mean| / std &gt; k (k = 3), std with n − 1 as pandas' std.
/// mad: the modified z-score 0.6745·|x − median| / MAD &gt; k (k = 3.5, Iglewicz and Hoaglin).
/// </remarks>
internal static class Outliers
{
    public const int MaxGroups = 1000;

    /// <summary>Up to 2^25 values (256 MiB) the fences are exact, as pandas'; beyond, from a uniform sample of that size.</summary>
    private const int ExactValues = 1 << 25;
    private const int Listed = 50;

    public static AnalysisResult Find(Dataset data, string column, string method = "iqr", double? threshold = null, string? groupBy = null, CancellationToken cancellationToken = default)
    {
        var value = data.Column(column);
        if (!value.Format.IsNumeric)
        {
            throw new ToolException($"'{value.Name}' is not numeric (it reads as {value.Format.Kind}); outliers need numbers.");
        }

        method = (method ?? "iqr").Trim().ToLowerInvariant() switch
        {
            "z" or "z-score" or "z_score" or "zscore" => "zscore",
            "mad" or "median" => "mad",
            "iqr" or "tukey" or "" => "iqr",
            var other => throw new ToolException($"Unknown outlier method '{other}': use iqr, zscore or mad."),
        };
        var k = threshold ?? method switch { "iqr" => 1.5, "zscore" => 3, _ => 3.5 };
        var group = groupBy is null or "" ? null : KeyExpression.Parse(data, groupBy);
        var warnings = new LoadWarnings();

        var groups = new Dictionary<string, (RunningStatistics Stats, NumberSample Sample)>(StringComparer.Ordinal);
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            if (!value.Format.TryValue(row.Fields[value.Index], out var x))
            {
                continue;
            }

            var key = group?.KeyOf(row) ?? (group is null ? "" : null);
            if (key is null)
            {
                continue;
            }

            if (!groups.TryGetValue(key, out var g))
            {
                if (groups.Count == MaxGroups)
                {
                    throw new ToolException($"'{group!.Text}' has more than {MaxGroups} groups; group outliers by a coarser column.");
                }

                g = (new RunningStatistics(), new NumberSample(group is null ? ExactValues : 1 << 17));
                groups[key] = g;
            }

            g.Stats.Push(x);
            g.Sample.Add(x);
        }

        var fences = groups.ToDictionary(p => p.Key, p => Fences(p.Value.Stats, p.Value.Sample, method, k), StringComparer.Ordinal);
        var found = new List<(string Row, string Group, double Value, double Score, bool High)>();
        var total = 0L;
        foreach (var row in data.Rows(new LoadWarnings(), cancellationToken))
        {
            if (!value.Format.TryValue(row.Fields[value.Index], out var x))
            {
                continue;
            }

            var key = group?.KeyOf(row) ?? (group is null ? "" : null);
            if (key is null || !fences.TryGetValue(key, out var f) || (x >= f.Low && x <= f.High))
            {
                continue;
            }

            total++;
            var score = f.Score(x);
            found.Add((data.RowName(row), key, x, score, x > f.High));
            if (found.Count > 4 * Listed)
            {
                // Keep the most extreme; a file with millions of outliers still yields a short answer.
                found = [.. found.OrderByDescending(o => Math.Abs(o.Score)).Take(Listed)];
            }
        }

        var listed = found.OrderByDescending(o => Math.Abs(o.Score)).Take(Listed).ToList();
        var columns = new List<string> { "row" };
        if (group is not null)
        {
            columns.Add(group.Text);
        }

        columns.AddRange([value.Name, method == "iqr" ? "distance_in_iqr" : method == "zscore" ? "z" : "modified_z", "side"]);
        var rows = listed.Select(o => (object?[])(group is null
            ? [o.Row, o.Value, o.Score, o.High ? "high" : "low"]
            : [o.Row, o.Group, o.Value, o.Score, o.High ? "high" : "low"])).ToList();

        var findings = new List<string>();
        foreach (var (key, f) in fences.OrderBy(p => p.Key, StringComparer.Ordinal).Take(20))
        {
            var where = group is null ? "" : $" in {group.Text} = {key}";
            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{value.Name}{where}: normal range {Num(f.Low)} to {Num(f.High)} ({f.Description})."));
        }

        findings.Insert(0, total == 0
            ? $"No outliers in {value.Name} by {Describe(method, k)}."
            : string.Create(CultureInfo.InvariantCulture, $"{total:N0} outliers in {value.Name} by {Describe(method, k)}: ") + string.Join(", ", listed.Take(10).Select(o =>
                string.Create(CultureInfo.InvariantCulture, $"{o.Row} ({Num(o.Value)}{(group is null ? "" : ", " + o.Group)})"))) + (total > 10 ? ", …" : "") + ".");
        return new AnalysisResult($"Outliers in {value.Name}" + (group is null ? "" : $" per {group.Text}"), new ResultTable(columns, rows), findings, warnings.Lines())
        {
            Approximate = groups.Values.Any(g => !g.Sample.Exact),
        };
    }

    /// <summary>The normal range and how far beyond it a value is: (x − anchor) / scale, the anchor being the quartile, mean or median on x's side.</summary>
    internal readonly record struct Fence(double Low, double High, double LowAnchor, double HighAnchor, double Scale, string Description)
    {
        public double Score(double x)
        {
            var anchor = x > High ? HighAnchor : LowAnchor;
            return Scale > 0 ? (x - anchor) / Scale : double.PositiveInfinity * Math.Sign(x - anchor);
        }
    }

    internal static Fence Fences(RunningStatistics stats, NumberSample sample, string method, double k)
    {
        switch (method)
        {
            case "zscore":
                var std = stats.Count > 1 ? stats.StandardDeviation : 0;
                return new Fence(stats.Mean - (k * std), stats.Mean + (k * std), stats.Mean, stats.Mean, std,
                    string.Create(CultureInfo.InvariantCulture, $"mean {Num(stats.Mean)}, std {Num(std)}"));
            case "mad":
                var median = sample.Quantile(0.5);
                var mad = sample.MedianAbsoluteDeviation();
                var reach = mad > 0 ? k * mad / 0.6745 : 0;
                return new Fence(median - reach, median + reach, median, median, mad / 0.6745,
                    string.Create(CultureInfo.InvariantCulture, $"median {Num(median)}, MAD {Num(mad)}"));
            default:
                var q1 = sample.Quantile(0.25);
                var q3 = sample.Quantile(0.75);
                var iqr = q3 - q1;
                return new Fence(q1 - (k * iqr), q3 + (k * iqr), q1, q3, iqr,
                    string.Create(CultureInfo.InvariantCulture, $"Q1 {Num(q1)}, Q3 {Num(q3)}, IQR {Num(iqr)}"));
        }
    }

    private static string Describe(string method, double k) => method switch
    {
        "zscore" => string.Create(CultureInfo.InvariantCulture, $"z-score beyond {k}"),
        "mad" => string.Create(CultureInfo.InvariantCulture, $"modified z-score (MAD) beyond {k}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"IQR fences ({k} × IQR beyond the quartiles)"),
    };

    private static string Num(double value) => ResultTable.Format(value);
}
