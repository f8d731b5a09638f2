namespace Cowork.Documents;

/// <summary>One stored cell of an .xlsx: its value (double, string, bool, <see cref="FormulaError"/>) and formula (without '=').</summary>
internal sealed record XlsxCell(CellAddress Address, object? Value, string? Formula, string Reference);
