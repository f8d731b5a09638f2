using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Documents;

/// <summary>Builds the conditionalFormatting element for a <see cref="ConditionalFormatSpec"/>.</summary>
internal static class ConditionalFormats
{
    public static ConditionalFormatting Build(ConditionalFormatSpec spec, CellRange range, StyleBook styles, int priority)
    {
        var rule = spec.Type.ToLowerInvariant() switch
        {
            "color_scale" => ColorScale(spec, priority),
            "data_bar" => DataBar(spec, priority),
            "text_contains" => TextContains(spec, range, styles, priority),
            "formula" => new ConditionalFormattingRule(new Formula(spec.Formula?.TrimStart('=') ?? throw new ToolException("A conditional format of type formula needs \"formula\".")))
            {
                Type = ConditionalFormatValues.Expression,
                Priority = priority,
                FormatId = Look(spec, styles),
            },
            _ => CellIs(spec, styles, priority),
        };
        return new ConditionalFormatting(rule) { SequenceOfReferences = new ListValue<StringValue>([new StringValue(range.ToString())]) };
    }

    private static ConditionalFormattingRule ColorScale(ConditionalFormatSpec spec, int priority)
    {
        var colors = spec.Colors ?? ["#F8696B", "#FFEB84", "#63BE7B"];
        if (colors.Count is not (2 or 3))
        {
            throw new ToolException("A color scale takes 2 or 3 colors, low to high.");
        }

        var scale = new ColorScale(new ConditionalFormatValueObject { Type = ConditionalFormatValueObjectValues.Min });
        if (colors.Count == 3)
        {
            scale.Append(new ConditionalFormatValueObject { Type = ConditionalFormatValueObjectValues.Percentile, Val = "50" });
        }

        scale.Append(new ConditionalFormatValueObject { Type = ConditionalFormatValueObjectValues.Max });
        foreach (var color in colors)
        {
            scale.Append(new Color { Rgb = StyleBook.Argb(color) });
        }

        return new ConditionalFormattingRule(scale) { Type = ConditionalFormatValues.ColorScale, Priority = priority };
    }

    private static ConditionalFormattingRule DataBar(ConditionalFormatSpec spec, int priority) =>
        new(new DataBar(
            new ConditionalFormatValueObject { Type = ConditionalFormatValueObjectValues.Min },
            new ConditionalFormatValueObject { Type = ConditionalFormatValueObjectValues.Max },
            new Color { Rgb = StyleBook.Argb(spec.Colors?.FirstOrDefault() ?? "#638EC6") }))
        {
            Type = ConditionalFormatValues.DataBar,
            Priority = priority,
        };

    private static ConditionalFormattingRule TextContains(ConditionalFormatSpec spec, CellRange range, StyleBook styles, int priority)
    {
        var text = spec.Value is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new ToolException("text_contains needs \"value\": the text to look for.");
        return new ConditionalFormattingRule(new Formula($"NOT(ISERROR(SEARCH({Quote(text)},{range.First})))"))
        {
            Type = ConditionalFormatValues.ContainsText,
            Operator = ConditionalFormattingOperatorValues.ContainsText,
            Text = text,
            Priority = priority,
            FormatId = Look(spec, styles),
        };
    }

    private static ConditionalFormattingRule CellIs(ConditionalFormatSpec spec, StyleBook styles, int priority)
    {
        var op = spec.Type.ToLowerInvariant() switch
        {
            "greater_than" => ConditionalFormattingOperatorValues.GreaterThan,
            "less_than" => ConditionalFormattingOperatorValues.LessThan,
            "greater_or_equal" => ConditionalFormattingOperatorValues.GreaterThanOrEqual,
            "less_or_equal" => ConditionalFormattingOperatorValues.LessThanOrEqual,
            "equal" => ConditionalFormattingOperatorValues.Equal,
            "not_equal" => ConditionalFormattingOperatorValues.NotEqual,
            "between" => ConditionalFormattingOperatorValues.Between,
            _ => throw new ToolException($"Conditional format type \"{spec.Type}\" is unknown; use color_scale, data_bar, greater_than, less_than, greater_or_equal, " +
                "less_or_equal, equal, not_equal, between, text_contains or formula."),
        };
        var rule = new ConditionalFormattingRule(new Formula(Operand(spec.Value, "value")))
        {
            Type = ConditionalFormatValues.CellIs,
            Operator = op,
            Priority = priority,
            FormatId = Look(spec, styles),
        };
        if (op == ConditionalFormattingOperatorValues.Between)
        {
            rule.Append(new Formula(Operand(spec.Value2, "value2")));
        }

        return rule;
    }

    private static uint Look(ConditionalFormatSpec spec, StyleBook styles) =>
        spec.Fill is null && spec.FontColor is null ? styles.Differential("#FFC7CE", "#9C0006") : styles.Differential(spec.Fill, spec.FontColor);

    private static string Operand(JsonElement? value, string name) => value switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.String } s when s.GetString()!.StartsWith('=') => s.GetString()![1..],
        { ValueKind: JsonValueKind.String } s => Quote(s.GetString()!),
        _ => throw new ToolException($"This conditional format needs \"{name}\": a number, a text or an \"=formula\"."),
    };

    private static string Quote(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
