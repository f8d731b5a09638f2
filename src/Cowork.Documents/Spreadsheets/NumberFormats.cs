namespace Cowork.Documents;

/// <summary>The spec's number format names and the Excel codes they stand for.</summary>
internal static class NumberFormats
{
    public const string Date = "yyyy-mm-dd";

    /// <summary>The Excel format code for a name or a code given as is.</summary>
    public static string Code(string format)
    {
        var lower = format.ToLowerInvariant();
        if (lower.StartsWith("currency", StringComparison.Ordinal))
        {
            var currency = lower.Length > 9 ? format[9..].Trim().ToUpperInvariant() : "USD";
            return currency switch
            {
                "USD" or "$" => "\"$\"#,##0.00",
                "EUR" or "€" => "#,##0.00\\ \"€\"",
                "GBP" or "£" => "\"£\"#,##0.00",
                "JPY" or "¥" => "\"¥\"#,##0",
                _ when currency.All(char.IsAsciiLetter) && currency.Length == 3 => $"#,##0.00\\ \"{currency}\"",
                _ => throw new ToolException($"Unknown currency \"{currency}\" in number_format; use a three-letter code like currency:EUR."),
            };
        }

        return lower switch
        {
            "integer" => "#,##0",
            "decimal" or "number" => "#,##0.00",
            "percent" => "0%",
            "percent1" => "0.0%",
            "percent2" => "0.00%",
            "date" => Date,
            "month" => "mmm yyyy",
            "datetime" => "yyyy-mm-dd hh:mm",
            "text" => "@",
            "general" => "General",
            _ => format,
        };
    }

    /// <summary>Built-in format ids Excel knows without a numFmt entry.</summary>
    public static uint? BuiltIn(string code) => code switch
    {
        "General" => 0,
        "0" => 1,
        "0.00" => 2,
        "#,##0" => 3,
        "#,##0.00" => 4,
        "0%" => 9,
        "0.00%" => 10,
        "@" => 49,
        _ => null,
    };
}
