namespace Cowork.Documents;

/// <summary>
/// A column of a streamed sheet: its header, its cells' number format (a name such as date, integer, decimal, percent1,
/// currency:EUR, or an Excel code), its width in characters, and whether long text wraps within that width.
/// </summary>
public sealed record StreamingColumn(string Header, string? NumberFormat = null, double? Width = null, bool Wrap = false);
