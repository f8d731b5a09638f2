using System.ComponentModel;

namespace Cowork.Data;

/// <summary>
/// One step of a transformation. <c>op</c> is one of: filter (column, operator = == != &gt; &gt;= &lt; &lt;= contains
/// starts_with is_empty not_empty, value), select (columns), drop (columns), rename (column, to), trim (columns or all),
/// case (columns, value = upper, lower or title), normalize_dates (columns: to yyyy-MM-dd), normalize_numbers (columns:
/// currency symbols and thousands separators removed), deduplicate (columns, or whole rows; the first is kept),
/// split (column, separator, to = new names comma-separated), merge (columns, separator, to), unpivot (columns kept
/// as ids; the others become to = "variable,value" rows), pivot (the last step: columns as ids, column's values become
/// columns holding value's column, how = first (the default; a repeat is an error), sum, mean, count, min or max), join
/// (file, on; how = left or inner: the other file's columns are added, that file held in memory up to 1,000,000 rows).
/// </summary>
public sealed record TransformStep(
    [property: Description("filter, select, drop, rename, trim, case, normalize_dates, normalize_numbers, deduplicate, split, merge, unpivot, pivot (last step) or join.")] string Op,
    [property: Description("filter, rename, split: the column. pivot: the column whose values become columns.")] string? Column = null,
    [property: Description("select, drop, trim, case, normalize_*, deduplicate, merge: the columns (trim, deduplicate: default all). unpivot, pivot: the id columns kept.")] string[]? Columns = null,
    [property: Description("filter: == != > >= < <= contains starts_with is_empty not_empty.")] string? Operator = null,
    [property: Description("filter: the value compared. case: upper, lower or title. pivot: the column the new columns hold.")] string? Value = null,
    [property: Description("rename, merge: the new column. split: the new columns, comma-separated. unpivot: \"variable,value\" names.")] string? To = null,
    [property: Description("split, merge: the separator (default a space).")] string? Separator = null,
    [property: Description("join: the other data file.")] string? File = null,
    [property: Description("join: the key column both files have.")] string? On = null,
    [property: Description("join: left (default: the other file's columns added) or inner. pivot: first (default), sum, mean, count, min or max.")] string? How = null);
