namespace Cowork.Data;

/// <summary>
/// One step of a transformation. <c>op</c> is one of: filter (column, operator = == != &gt; &gt;= &lt; &lt;= contains
/// starts_with is_empty not_empty, value), select (columns), drop (columns), rename (column, to), trim (columns or all),
/// case (columns, value = upper, lower or title), normalize_dates (columns: to yyyy-MM-dd), normalize_numbers (columns:
/// currency symbols and thousands separators removed), deduplicate (columns, or whole rows; the first is kept),
/// split (column, separator, to = new names comma-separated), merge (columns, separator, to), unpivot (columns kept
/// as ids; the others become to = "variable,value" rows), pivot (the last step: columns as ids, column's values become
/// columns holding value's column, how = first (the default; a repeat is an error), sum, mean, count, min or max), join (file, on; how = left or inner: the other file's
/// columns are added, that file held in memory up to 1,000,000 rows).
/// </summary>
public sealed record TransformStep(
    string Op,
    string? Column = null,
    string[]? Columns = null,
    string? Operator = null,
    string? Value = null,
    string? To = null,
    string? Separator = null,
    string? File = null,
    string? On = null,
    string? How = null);
