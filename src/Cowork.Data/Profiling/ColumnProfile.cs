namespace Cowork.Data;

/// <summary>
/// What one column holds. Quantiles are exact when <see cref="QuantilesExact"/> (the column's numbers fit the sample),
/// distinct counts when <see cref="DistinctExact"/> (up to 100,000 distinct values; a HyperLogLog estimate beyond),
/// top values when <see cref="TopExact"/>.
/// </summary>
internal sealed record ColumnProfile(
    string Name,
    ColumnFormat Format,
    long Count,
    long Nulls,
    long Invalid,
    long Distinct,
    bool DistinctExact,
    string? Min,
    string? Max,
    double? Mean,
    double? Std,
    double? Sum,
    double? Q1,
    double? Median,
    double? Q3,
    bool QuantilesExact,
    double? Skewness,
    double? Kurtosis,
    IReadOnlyList<KeyValuePair<string, long>> Top,
    bool TopExact);
