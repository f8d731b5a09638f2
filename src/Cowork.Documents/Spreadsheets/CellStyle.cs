namespace Cowork.Documents;

/// <summary>Everything that makes up one cell format; equal styles share one entry in the stylesheet.</summary>
internal sealed record CellStyle
{
    public string? NumberFormat { get; init; }

    public bool Bold { get; init; }

    public bool Italic { get; init; }

    public double? FontSize { get; init; }

    public string? FontColor { get; init; }

    public string? Fill { get; init; }

    public string? Align { get; init; }

    public bool Wrap { get; init; }

    public string? Border { get; init; }

    public CellStyle With(FormatSpec format) => this with
    {
        NumberFormat = format.NumberFormat ?? NumberFormat,
        Bold = format.Bold ?? Bold,
        Italic = format.Italic ?? Italic,
        FontSize = format.FontSize ?? FontSize,
        FontColor = format.FontColor ?? FontColor,
        Fill = format.Fill ?? Fill,
        Align = format.Align ?? Align,
        Wrap = format.Wrap ?? Wrap,
        Border = format.Border ?? Border,
    };
}
