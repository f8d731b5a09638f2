using System.Globalization;

namespace Cowork.Data;

/// <summary>
/// How a column's text is read: its kind and, for numbers, the decimal separator and unit (a currency symbol or %),
/// for dates the formats. Parsing is strict: a value that does not fit is reported, not guessed.
/// </summary>
public sealed record ColumnFormat(ColumnKind Kind, bool DecimalComma = false, string? Unit = null, string[]? DateFormats = null)
{
    private static readonly string[] CurrencySymbols = ["$", "€", "£", "¥", "₹", "₩", "₽", "CHF", "USD", "EUR", "GBP", "JPY", "CAD", "AUD"];

    /// <summary>The values pandas' read_csv reads as missing, so null counts agree with it.</summary>
    private static readonly HashSet<string> NullTokens = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    public static readonly ColumnFormat Text = new(ColumnKind.Text);

    public bool IsNumeric => Kind is ColumnKind.Integer or ColumnKind.Number;

    public bool IsTemporal => Kind is ColumnKind.Date or ColumnKind.DateTime;

    /// <summary>Whether pandas would read the field as missing.</summary>
    public static bool IsNull(string? field) =>
        field is null || field.Length == 0 || (field.Length <= 8 && NullTokens.Contains(field)) || (char.IsWhiteSpace(field[0]) && field.AsSpan().Trim().Length == 0);

    /// <summary>The field as a number: plain, or with thousands separators, a currency symbol, parentheses for negatives or %.</summary>
    public bool TryNumber(string field, out double value)
    {
        if (!DecimalComma && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return !double.IsNaN(value);
        }

        return TryDecorated(field, DecimalComma, out value, out _);
    }

    public bool TryDate(string field, out DateTime value)
    {
        value = default;
        if (DateFormats is null)
        {
            return false;
        }

        // The common case, yyyy-MM-dd, read directly: TryParseExact over the family's formats costs more than the rest of a row.
        if (field.Length == 10 && DateFormats[0] == "yyyy-MM-dd" && field[4] == '-' && field[7] == '-'
            && int.TryParse(field.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(field.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(field.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            value = new DateTime(year, month, day);
            return true;
        }

        return DateTime.TryParseExact(field.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
    }

    public static bool TryBoolean(string field, out bool value)
    {
        switch (field.Trim().ToLowerInvariant())
        {
            case "true" or "yes":
                value = true;
                return true;
            case "false" or "no":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The field as a number, whatever the kind: numbers parsed, dates as days since 1970, booleans as 0/1.</summary>
    public bool TryValue(string? field, out double value)
    {
        value = 0;
        if (IsNull(field))
        {
            return false;
        }

        switch (Kind)
        {
            case ColumnKind.Integer or ColumnKind.Number:
                return TryNumber(field!, out value);
            case ColumnKind.Date or ColumnKind.DateTime when TryDate(field!, out var date):
                value = (date - DateTime.UnixEpoch).TotalDays;
                return true;
            case ColumnKind.Boolean when TryBoolean(field!, out var flag):
                value = flag ? 1 : 0;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Parses "$1,234.50", "(1.234,50 €)", "12 %", "1 234"; <paramref name="unit"/> is the symbol found.</summary>
    internal static bool TryDecorated(string field, bool decimalComma, out double value, out string? unit)
    {
        value = 0;
        unit = null;
        var text = field.Trim();
        if (text.Length == 0 || text.Length > 64)
        {
            return false;
        }

        var negative = false;
        if (text[0] == '(' && text[^1] == ')')
        {
            negative = true;
            text = text[1..^1].Trim();
        }

        if (text.StartsWith('-'))
        {
            negative = !negative;
            text = text[1..].TrimStart();
        }

        foreach (var symbol in CurrencySymbols)
        {
            if (text.StartsWith(symbol, StringComparison.Ordinal))
            {
                unit = symbol;
                text = text[symbol.Length..].Trim();
                break;
            }

            if (text.EndsWith(symbol, StringComparison.Ordinal))
            {
                unit = symbol;
                text = text[..^symbol.Length].Trim();
                break;
            }
        }

        var percent = false;
        if (unit is null && text.EndsWith('%'))
        {
            percent = true;
            unit = "%";
            text = text[..^1].Trim();
        }

        if (text.StartsWith('-'))
        {
            negative = !negative;
            text = text[1..];
        }

        var group = decimalComma ? '.' : ',';
        var point = decimalComma ? ',' : '.';
        Span<char> digits = stackalloc char[text.Length];
        var length = 0;
        var seenPoint = false;
        var sinceGroup = -1;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[length++] = c;
                if (sinceGroup >= 0 && !seenPoint)
                {
                    sinceGroup++;
                }
            }
            else if (c == point && !seenPoint)
            {
                if (sinceGroup is >= 0 and not 3)
                {
                    return false;
                }

                seenPoint = true;
                digits[length++] = '.';
            }
            else if ((c == group || c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\'') && !seenPoint && length > 0)
            {
                // A thousands separator must follow 1-3 digits and be followed by exactly three.
                if (sinceGroup is >= 0 and not 3)
                {
                    return false;
                }

                sinceGroup = 0;
            }
            else
            {
                return false;
            }
        }

        if (length == 0 || (sinceGroup >= 0 && sinceGroup != 3 && !seenPoint))
        {
            return false;
        }

        if (!double.TryParse(digits[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        value = (negative ? -value : value) / (percent ? 100 : 1);
        return true;
    }
}
