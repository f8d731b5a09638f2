namespace Cowork.Data;

/// <summary>What the caller knows about a file; <see langword="null"/> means "sniff it".</summary>
/// <param name="Delimiter">The field delimiter of delimited text.</param>
/// <param name="Header">Whether the first row holds the column names.</param>
/// <param name="Sheet">The workbook sheet to read (default: the first).</param>
public sealed record LoadOptions(char? Delimiter = null, bool? Header = null, string? Sheet = null)
{
    public static readonly LoadOptions Sniff = new();
}
