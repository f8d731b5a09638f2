namespace Cowork.Documents;

/// <summary>A column of a streamed sheet: its header, its cells' number format (a name such as date, integer, decimal, percent1, currency:EUR, or an Excel code) and width in characters.</summary>
public sealed record StreamingColumn(string Header, string? NumberFormat = null, double? Width = null);
