using System.Runtime.InteropServices;

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
    private bool _sorted;

    public long Seen { get; private set; }

    /// <summary>Whether every value is held, so quantiles are exact.</summary>
    public bool Exact => Seen <= capacity;

    public void Add(double value)
    {
        Seen++;
        _sorted = false;
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
    public double Quantile(double q) => Seen == 0 ? double.NaN : Interpolated(Sorted(), q);

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
        return Interpolated(deviations, 0.5);
    }

    /// <summary>The values in order. Sorted in place: a reservoir's slots are interchangeable, so order does not matter to it.</summary>
    public ReadOnlySpan<double> Sorted()
    {
        var span = CollectionsMarshal.AsSpan(_values);
        if (!_sorted)
        {
            span.Sort();
            _sorted = true;
        }

        return span;
    }

    /// <summary>R-7: h = (n − 1)·q, then linear between the order statistics around h.</summary>
    private static double Interpolated(ReadOnlySpan<double> sorted, double q)
    {
        var h = (sorted.Length - 1) * Math.Clamp(q, 0, 1);
        var low = (int)Math.Floor(h);
        return low + 1 < sorted.Length ? sorted[low] + ((h - low) * (sorted[low + 1] - sorted[low])) : sorted[low];
    }
}
