using System.Text.Json;

namespace Cowork.Documents;

/// <summary>A conditional format: a color scale, data bars, or a highlight rule with its fill and font color.</summary>
internal sealed record ConditionalFormatSpec
{
    public string Range { get; init; } = "";

    /// <summary>color_scale, data_bar, greater_than, less_than, between, equal, not_equal, greater_or_equal, less_or_equal, text_contains, formula.</summary>
    public string Type { get; init; } = "";

    public JsonElement? Value { get; init; }

    public JsonElement? Value2 { get; init; }

    /// <summary>For type formula: true where the rule applies, written for the range's top-left cell ("$C2&gt;100").</summary>
    public string? Formula { get; init; }

    public string? Fill { get; init; }

    public string? FontColor { get; init; }

    /// <summary>Color scale colors, low to high (2 or 3), or the data bar color (1).</summary>
    public List<string>? Colors { get; init; }
}
