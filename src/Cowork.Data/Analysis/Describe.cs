using System.Globalization;

namespace Cowork.Data;

/// <summary>pandas-style describe from a profile: count, mean, std, min, quartiles, max per numeric column; count, distinct, top for the others.</summary>
internal static class Describe
{
    public static AnalysisResult Of(TableProfile profile, IReadOnlyList<string> columns)
    {
        var chosen = columns.Count == 0 ? profile.Columns
            : [.. columns.Select(n => profile.Columns.FirstOrDefault(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))
                ?? throw new ToolException($"No column '{n}'. Columns: {string.Join(", ", profile.Columns.Select(c => c.Name))}."))];
        var header = new List<string> { "column", "type", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max", "distinct", "top" };
        var rows = chosen.Select(c => new object?[]
        {
            c.Name, Kind(c.Format), c.Count, c.Nulls,
            c.Mean, c.Std,
            c.Format.IsNumeric ? c.Min is { } lo ? double.Parse(lo, CultureInfo.InvariantCulture) : null : c.Min,
            c.Q1, c.Median, c.Q3,
            c.Format.IsNumeric ? c.Max is { } hi ? double.Parse(hi, CultureInfo.InvariantCulture) : null : c.Max,
            c.DistinctExact ? c.Distinct : $"≈{c.Distinct:N0}",
            c.Top.Count > 0 ? $"{c.Top[0].Key} ({c.Top[0].Value:N0})" : null,
        }).ToList();
        var findings = chosen.Where(c => c.Format.IsNumeric && c.Mean is not null).Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Name}: mean {ResultTable.Format(c.Mean)}, median {ResultTable.Format(c.Median)}, from {c.Min} to {c.Max}{(c.Nulls > 0 ? $", {c.Nulls:N0} missing" : "")}.")).ToList();
        return new AnalysisResult("Summary statistics", new ResultTable(header, rows), findings, profile.Warnings)
        {
            Approximate = chosen.Any(c => !c.QuantilesExact && c.Format.IsNumeric),
        };
    }

    public static string Kind(ColumnFormat format) => format.Kind.ToString().ToLowerInvariant() + (format.Unit is { } unit ? $" ({unit})" : "");
}
