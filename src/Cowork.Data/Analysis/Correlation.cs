using System.Globalization;

namespace Cowork.Data;

/// <summary>
/// Correlations between numeric columns, pairwise over the rows where both are present (as pandas' corr): Pearson in one
/// streaming pass; Spearman (Pearson of the ranks, ties averaged) over the values held in memory, at most
/// <see cref="MaxRankedValues"/> of them.
/// </summary>
internal static class Correlation
{
    public const int MaxColumns = 20;

    /// <summary>Ranks need every value: 8 bytes each, so this bounds Spearman's memory to 128 MB.</summary>
    public const long MaxRankedValues = 1L << 24;

    public static AnalysisResult Matrix(Dataset data, IReadOnlyList<string> columnNames, CancellationToken cancellationToken = default, string? method = null)
    {
        var spearman = (method ?? "pearson").Trim().ToLowerInvariant() switch
        {
            "pearson" or "" => false,
            "spearman" or "rank" => true,
            var other => throw new ToolException($"Unknown correlation method '{other}': use pearson or spearman."),
        };
        var columns = (columnNames.Count == 0 ? data.Columns.Where(c => c.Format.IsNumeric).ToList() : [.. columnNames.Select(n => GroupBy.Numeric(data, n))]);
        if (columns.Count < 2)
        {
            throw new ToolException("Correlation needs at least two numeric columns.");
        }

        if (columns.Count > MaxColumns)
        {
            throw new ToolException($"Correlate at most {MaxColumns} columns at once; name the ones that matter.");
        }

        var k = columns.Count;
        if (spearman)
        {
            return Ranked(data, columns, cancellationToken);
        }

        // Per pair: n, means and co-moments updated as Welford's, stable for large values.
        var n = new long[k, k];
        var meanX = new double[k, k];
        var meanY = new double[k, k];
        var cxy = new double[k, k];
        var cxx = new double[k, k];
        var cyy = new double[k, k];
        var values = new double[k];
        var present = new bool[k];
        var warnings = new LoadWarnings();
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            for (var i = 0; i < k; i++)
            {
                present[i] = columns[i].Format.TryValue(row.Fields[columns[i].Index], out values[i]);
            }

            for (var i = 0; i < k; i++)
            {
                if (!present[i])
                {
                    continue;
                }

                for (var j = i + 1; j < k; j++)
                {
                    if (!present[j])
                    {
                        continue;
                    }

                    var count = ++n[i, j];
                    var dx = values[i] - meanX[i, j];
                    meanX[i, j] += dx / count;
                    var dy = values[j] - meanY[i, j];
                    meanY[i, j] += dy / count;
                    cxy[i, j] += dx * (values[j] - meanY[i, j]);
                    cxx[i, j] += dx * (values[i] - meanX[i, j]);
                    cyy[i, j] += dy * (values[j] - meanY[i, j]);
                }
            }
        }

        return Result("Pearson", "r", columns, (i, j) => (n[i, j] > 1 && cxx[i, j] > 0 && cyy[i, j] > 0 ? cxy[i, j] / Math.Sqrt(cxx[i, j] * cyy[i, j]) : double.NaN, n[i, j]), warnings);
    }

    private static AnalysisResult Ranked(Dataset data, List<ColumnInfo> columns, CancellationToken cancellationToken)
    {
        var k = columns.Count;
        var values = Enumerable.Range(0, k).Select(_ => new List<double>()).ToArray();
        var warnings = new LoadWarnings();
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            if ((long)values[0].Count * k >= MaxRankedValues)
            {
                throw new ToolException($"Spearman correlation holds every value to rank it: at most {MaxRankedValues:N0} ({MaxRankedValues / k:N0} rows of {k} columns). Use pearson, fewer columns, or filter the rows first.");
            }

            for (var i = 0; i < k; i++)
            {
                values[i].Add(columns[i].Format.TryValue(row.Fields[columns[i].Index], out var x) ? x : double.NaN);
            }
        }

        return Result("Spearman", "ρ", columns, (i, j) =>
        {
            var both = Enumerable.Range(0, values[i].Count).Where(r => !double.IsNaN(values[i][r]) && !double.IsNaN(values[j][r])).ToList();
            var rho = both.Count > 1 ? MathNet.Numerics.Statistics.Correlation.Spearman(both.Select(r => values[i][r]), both.Select(r => values[j][r])) : double.NaN;
            return (double.IsFinite(rho) ? rho : double.NaN, both.Count);
        }, warnings);
    }

    private static AnalysisResult Result(string method, string symbol, List<ColumnInfo> columns, Func<int, int, (double R, long N)> pair, LoadWarnings warnings)
    {
        var k = columns.Count;
        var r = new double[k, k];
        var pairs = new List<(string A, string B, double R, long N)>();
        for (var i = 0; i < k; i++)
        {
            r[i, i] = 1;
            for (var j = i + 1; j < k; j++)
            {
                var (value, count) = pair(i, j);
                r[i, j] = r[j, i] = value;
                pairs.Add((columns[i].Name, columns[j].Name, value, count));
            }
        }

        var header = new List<string> { "column" };
        header.AddRange(columns.Select(c => c.Name));
        var rows = Enumerable.Range(0, k).Select(i => new object?[] { columns[i].Name }.Concat(Enumerable.Range(0, k).Select(j => (object?)r[i, j])).ToArray()).ToList();
        var strongest = pairs.Where(p => !double.IsNaN(p.R)).OrderByDescending(p => Math.Abs(p.R)).Take(5).ToList();
        var findings = strongest.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.A} and {p.B}: {symbol} = {p.R:0.###} ({Strength(p.R)}, {p.N:N0} rows)")).ToList();
        return new AnalysisResult($"Correlations ({method})", new ResultTable(header, rows), findings, warnings.Lines());
    }

    private static string Strength(double r) => Math.Abs(r) switch
    {
        >= 0.7 => r > 0 ? "strong positive" : "strong negative",
        >= 0.4 => r > 0 ? "moderate positive" : "moderate negative",
        >= 0.2 => r > 0 ? "weak positive" : "weak negative",
        _ => "little or none",
    };
}
