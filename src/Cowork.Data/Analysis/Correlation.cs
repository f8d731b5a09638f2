using System.Globalization;

namespace Cowork.Data;

/// <summary>Pearson correlations between numeric columns, pairwise over the rows where both are present (as pandas' corr), in one pass.</summary>
internal static class Correlation
{
    public const int MaxColumns = 20;

    public static AnalysisResult Matrix(Dataset data, IReadOnlyList<string> columnNames, CancellationToken cancellationToken = default)
    {
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

        var r = new double[k, k];
        var pairs = new List<(string A, string B, double R, long N)>();
        for (var i = 0; i < k; i++)
        {
            r[i, i] = 1;
            for (var j = i + 1; j < k; j++)
            {
                var value = n[i, j] > 1 && cxx[i, j] > 0 && cyy[i, j] > 0 ? cxy[i, j] / Math.Sqrt(cxx[i, j] * cyy[i, j]) : double.NaN;
                r[i, j] = r[j, i] = value;
                pairs.Add((columns[i].Name, columns[j].Name, value, n[i, j]));
            }
        }

        var header = new List<string> { "column" };
        header.AddRange(columns.Select(c => c.Name));
        var rows = Enumerable.Range(0, k).Select(i => new object?[] { columns[i].Name }.Concat(Enumerable.Range(0, k).Select(j => (object?)r[i, j])).ToArray()).ToList();
        var strongest = pairs.Where(p => !double.IsNaN(p.R)).OrderByDescending(p => Math.Abs(p.R)).Take(5).ToList();
        var findings = strongest.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.A} and {p.B}: r = {p.R:0.###} ({Strength(p.R)}, {p.N:N0} rows)")).ToList();
        return new AnalysisResult("Correlations (Pearson)", new ResultTable(header, rows), findings, warnings.Lines());
    }

    private static string Strength(double r) => Math.Abs(r) switch
    {
        >= 0.7 => r > 0 ? "strong positive" : "strong negative",
        >= 0.4 => r > 0 ? "moderate positive" : "moderate negative",
        >= 0.2 => r > 0 ? "weak positive" : "weak negative",
        _ => "little or none",
    };
}
