namespace Cowork.Documents;

/// <summary>A reference as a value: what a range argument passes to a function.</summary>
internal sealed record RangeValue(string Sheet, CellRange Range);
