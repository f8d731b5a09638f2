namespace Cowork.Data;

/// <summary>One data row: its number (1 = the first row after the header) and its fields, one per column, null when missing.</summary>
public readonly record struct DataRow(long Number, string?[] Fields);
