using MathNet.Numerics.Statistics;

namespace Cowork.Data;

/// <summary>One group's running aggregate of a value column: count, sum, mean, min, max, std in one pass.</summary>
internal sealed class Aggregate
{
    public static readonly string[] Names = ["count", "sum", "mean", "min", "max", "std", "median"];
    private readonly RunningStatistics _stats = new();
    private NumberSample? _sample;
    private double _sum;

    public long Rows { get; private set; }

    public static string Check(string name)
    {
        var lower = (name ?? "sum").Trim().ToLowerInvariant() switch
        {
            "average" or "avg" => "mean",
            "total" => "sum",
            "n" or "size" => "count",
            var other => other,
        };
        return Names.Contains(lower) ? lower : throw new ToolException($"Unknown aggregate '{name}': use {string.Join(", ", Names)}.");
    }

    public void AddRow() => Rows++;

    public void Add(double value, bool keepSample)
    {
        _stats.Push(value);
        _sum += value;
        if (keepSample)
        {
            (_sample ??= new NumberSample(1 << 16)).Add(value);
        }
    }

    /// <summary>The aggregate; count is of rows (with a present value when a value column is given, as pandas counts).</summary>
    public double Value(string name, bool ofValues) => name switch
    {
        "count" => ofValues ? _stats.Count : Rows,
        "sum" => _sum,
        "mean" => _stats.Count == 0 ? double.NaN : _stats.Mean,
        "min" => _stats.Count == 0 ? double.NaN : _stats.Minimum,
        "max" => _stats.Count == 0 ? double.NaN : _stats.Maximum,
        "std" => _stats.Count < 2 ? double.NaN : _stats.StandardDeviation,
        "median" => _sample?.Quantile(0.5) ?? double.NaN,
        _ => throw new ToolException($"Unknown aggregate '{name}'."),
    };

    public bool Approximate => _sample is { Exact: false };
}
