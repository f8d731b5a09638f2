namespace Cowork.Data;

/// <summary>A column of a <see cref="Dataset"/>: its position, header name and how its values are read.</summary>
public sealed record ColumnInfo(int Index, string Name, ColumnFormat Format);
