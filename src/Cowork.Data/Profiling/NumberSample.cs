using MathNet.Numerics.Statistics;

namespace Cowork.Data;

/// <summary>
/// A column's numbers for quantiles: all of them while they fit in its capacity, then a uniform reservoir
/// sample of that size (Vitter's algorithm R, fixed seed), so quantiles are exact for columns up to a million
/// values and approximate, with a rank error of about 0.1 %, beyond.
/// </summary>
internal sealed class NumberSample(int capacity = NumberSample.DefaultCapacity)
{
    public const int DefaultCapacity = 1 << 20;
    private readonly List<double> _values = [];
    private readonly Random _random = new(20240601);
    private double[]? _sorted;

    public long Seen { get; private set; }

    /// <summary>Whether every value is held, so quantiles are exact.</summary>
    public bool Exact => Seen <= capacity;

    public void Add(double value)
    {
        Seen++;
        _sorted = null;
        if (_values.Count < capacity)
        {
            _values.Add(value);
            return;
        }

        var slot = _random.NextInt64(Seen);
        if (slot < capacity)
        {
            _values[(int)slot] = value;
        }
    }

    /// <summary>The <paramref name="q"/>-quantile with linear interpolation between order statistics (R-7: pandas', numpy's and Excel's PERCENTILE.INC).</summary>
    public double Quantile(double q) => Seen == 0 ? double.NaN : SortedArrayStatistics.QuantileCustom(Sorted(), q, QuantileDefinition.R7);

    /// <summary>The median of the absolute deviations from the median (unscaled, as pandas' and scipy's default).</summary>
    public double MedianAbsoluteDeviation()
    {
        if (Seen == 0)
        {
            return double.NaN;
        }

        var median = Quantile(0.5);
        var deviations = _values.Select(v => Math.Abs(v - median)).ToArray();
        Array.Sort(deviations);
        return SortedArrayStatistics.QuantileCustom(deviations, 0.5, QuantileDefinition.R7);
    }

    public double[] Sorted()
    {
        if (_sorted is null)
        {
            _sorted = [.. _values];
            Array.Sort(_sorted);
        }

        return _sorted;
    }
}
