namespace Cowork.Data;

/// <summary>
/// A group-by or cross-tab as a definition, not as numbers: which data columns key the rows and columns, which column
/// is aggregated how, and the keys in table order, so a workbook writer can put the data on a sheet and each cell as
/// <c>SUMIFS(data!Value, data!RowKey, $A2, data!ColumnKey, B$1)</c> (COUNTIFS, AVERAGEIFS, MINIFS, MAXIFS likewise).
/// </summary>
/// <param name="RowKey">The key expression of the table's rows (a column, or a period of a date column: <c>month(order_date)</c>).</param>
/// <param name="ColumnKey">The key of the table's columns, or <see langword="null"/> for a one-way group-by.</param>
/// <param name="Value">The aggregated column, or <see langword="null"/> for counts.</param>
/// <param name="Aggregate">count, sum, mean, min or max.</param>
/// <param name="Percent">For a cross-tab of percentages: row, column or total.</param>
/// <param name="IsTimeSeries">The table is a time series (period, value, moving average, change), not a group-by.</param>
public sealed record PivotDefinition(string RowKey, string? ColumnKey, string? Value, string Aggregate, IReadOnlyList<string> RowKeys, IReadOnlyList<string> ColumnKeys,
    string? Percent = null, bool IsTimeSeries = false);
