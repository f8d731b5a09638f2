namespace Cowork.Data;

/// <summary>A whole file's profile: its shape, every column's profile, and what was wrong with it.</summary>
internal sealed record TableProfile(string DisplayName, string Format, long Rows, IReadOnlyList<ColumnProfile> Columns, string? IdColumn, IReadOnlyList<string> Warnings);
