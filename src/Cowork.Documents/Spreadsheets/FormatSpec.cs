namespace Cowork.Documents;

/// <summary>A style over a range; later formats override earlier ones, property by property.</summary>
internal sealed record FormatSpec
{
    public string Range { get; init; } = "";

    /// <summary>integer, decimal, percent, percent1, currency (or currency:EUR, currency:GBP…), date, month, datetime, text, or an Excel code like "0.000".</summary>
    public string? NumberFormat { get; init; }

    public bool? Bold { get; init; }

    public bool? Italic { get; init; }

    public double? FontSize { get; init; }

    /// <summary>#RRGGBB.</summary>
    public string? FontColor { get; init; }

    /// <summary>#RRGGBB background.</summary>
    public string? Fill { get; init; }

    /// <summary>left, center or right.</summary>
    public string? Align { get; init; }

    public bool? Wrap { get; init; }

    /// <summary>thin or medium: a border around each cell.</summary>
    public string? Border { get; init; }
}
