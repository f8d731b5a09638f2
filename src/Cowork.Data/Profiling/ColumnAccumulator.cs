using System.Globalization;
using MathNet.Numerics.Statistics;

namespace Cowork.Data;

/// <summary>Gathers one column's profile in one streaming pass, in memory bounded by its caps.</summary>
internal sealed class ColumnAccumulator(ColumnInfo column, LoadWarnings warnings)
{
    internal const int DistinctCap = 100_000;
    private const int TopCount = 10;

    private readonly RunningStatistics _stats = new();
    private readonly NumberSample _sample = new();
    private Dictionary<string, long>? _counts = new(StringComparer.Ordinal);
    private Dictionary<string, long>? _frozen;
    private HyperLogLog? _distinct;
    private long _present;
    private long _nulls;
    private long _invalid;
    private double _sum;
    private double _compensation;
    private DateTime? _minDate;
    private DateTime? _maxDate;
    private string? _minText;
    private string? _maxText;

    public ColumnInfo Column => column;

    public void Add(string? field, long row)
    {
        if (ColumnFormat.IsNull(field))
        {
            _nulls++;
            return;
        }

        var text = field!;
        _present++;
        Count(text);
        var format = column.Format;
        switch (format.Kind)
        {
            case ColumnKind.Integer or ColumnKind.Number:
                if (format.TryNumber(text, out var number))
                {
                    AddNumber(number);
                }
                else
                {
                    Invalid(row, text, "not a number");
                }

                break;
            case ColumnKind.Date or ColumnKind.DateTime:
                if (format.TryDate(text, out var date))
                {
                    _minDate = _minDate is null || date < _minDate ? date : _minDate;
                    _maxDate = _maxDate is null || date > _maxDate ? date : _maxDate;
                }
                else
                {
                    Invalid(row, text, "not a valid date (impossible or in another format)");
                }

                break;
            case ColumnKind.Boolean:
                if (ColumnFormat.TryBoolean(text, out var flag))
                {
                    AddNumber(flag ? 1 : 0);
                }
                else
                {
                    Invalid(row, text, "not true/false");
                }

                break;
            default:
                if (_minText is null || string.CompareOrdinal(text, _minText) < 0)
                {
                    _minText = text;
                }

                if (_maxText is null || string.CompareOrdinal(text, _maxText) > 0)
                {
                    _maxText = text;
                }

                break;
        }
    }

    public ColumnProfile Finish()
    {
        var counts = _counts ?? _frozen!;
        var top = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(TopCount).ToList();
        var numeric = _stats.Count > 0;
        var format = column.Format;
        string? min = null, max = null;
        if (numeric && format.Kind != ColumnKind.Boolean)
        {
            min = Invariant(_stats.Minimum);
            max = Invariant(_stats.Maximum);
        }
        else if (_minDate is not null)
        {
            var pattern = format.Kind == ColumnKind.DateTime ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd";
            min = _minDate.Value.ToString(pattern, CultureInfo.InvariantCulture);
            max = _maxDate!.Value.ToString(pattern, CultureInfo.InvariantCulture);
        }
        else if (_minText is not null)
        {
            (min, max) = (_minText, _maxText);
        }

        double? Stat(Func<double> value) => numeric ? value() : null;
        return new ColumnProfile(column.Name, format, _present, _nulls, _invalid,
            _distinct?.Estimate() ?? counts.Count, _distinct is null, min, max,
            Stat(() => _stats.Mean), Stat(() => _stats.Count > 1 ? _stats.StandardDeviation : double.NaN), Stat(() => _sum + _compensation),
            Stat(() => _sample.Quantile(0.25)), Stat(() => _sample.Quantile(0.5)), Stat(() => _sample.Quantile(0.75)), _sample.Exact,
            Stat(() => _stats.Count > 2 ? _stats.Skewness : double.NaN), Stat(() => _stats.Count > 3 ? _stats.Kurtosis : double.NaN),
            top, _distinct is null);
    }

    internal static string Invariant(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    private void AddNumber(double value)
    {
        _stats.Push(value);
        _sample.Add(value);

        // Neumaier's compensated sum: totals of millions of cents stay exact to the cent.
        var t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    private void Invalid(long row, string text, string why)
    {
        _invalid++;
        warnings.Add($"{column.Name}: {why}", string.Create(CultureInfo.InvariantCulture, $"row {row} '{Shorten(text)}'"));
    }

    private void Count(string text)
    {
        if (_counts is not null)
        {
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, text, out _);
            count++;
            if (_counts.Count > DistinctCap)
            {
                // Too many distinct values to keep: estimate the distinct count from here on, keep counting the values already seen.
                _distinct = new HyperLogLog();
                foreach (var key in _counts.Keys)
                {
                    _distinct.Add(key);
                }

                _frozen = _counts;
                _counts = null;
            }

            return;
        }

        _distinct!.Add(text);
        if (_frozen!.TryGetValue(text, out var seen))
        {
            _frozen[text] = seen + 1;
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
