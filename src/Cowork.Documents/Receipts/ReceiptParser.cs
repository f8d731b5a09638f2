using System.Globalization;
using System.Text.RegularExpressions;

namespace Cowork.Documents;

/// <summary>
/// Reads date, merchant, amount and currency out of a receipt's text (typed, extracted from a PDF or OCR'd).
/// Anything missing or ambiguous makes it unreadable, with the reason; nothing is guessed.
/// </summary>
internal static partial class ReceiptParser
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly (string Category, string[] Words)[] Categories =
    [
        ("Lodging", ["hotel", "inn", "hostel", "airbnb", "motel", "lodge"]),
        ("Travel", ["taxi", "cab", "uber", "lyft", "rail", "train", "airline", "airways", "flight", "bus", "metro", "parking", "fuel", "petrol", "garage"]),
        ("Meals", ["cafe", "café", "coffee", "restaurant", "bistro", "pizza", "bakery", "bar", "grill", "kitchen", "diner", "lunch", "dinner"]),
        ("Office supplies", ["office", "stationery", "paper", "printer", "supplies", "ink"]),
        ("Software", ["software", "cloud", "subscription", "saas", "license", "licence", "hosting"]),
    ];

    /// <summary>The category the merchant's name suggests, else the receipt's words, else "Other".</summary>
    public static string Category(string merchant, string text = "")
    {
        foreach (var source in new[] { merchant, text })
        {
            var words = Words().Matches(source.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (category, keys) in Categories)
            {
                if (keys.Any(words.Contains))
                {
                    return category;
                }
            }
        }

        return "Other";
    }

    public static (Receipt? Receipt, string? Problem) Parse(string file, string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines.Any(l => l.Count(char.IsLetter) >= 3))
        {
            return (null, "no readable text");
        }

        var date = FindDate(text);
        if (date is null)
        {
            return (null, "no date found");
        }

        var (amount, currencyOnLine) = FindTotal(lines);
        if (amount is null)
        {
            return (null, "no total amount found");
        }

        var currency = currencyOnLine ?? FindCurrency(text);
        if (currency is null)
        {
            return (null, $"no currency found (total {amount.Value.ToString("0.00", CultureInfo.InvariantCulture)})");
        }

        var merchant = lines.FirstOrDefault(l => l.Count(char.IsLetter) >= 3 && !HeaderWords().IsMatch(l));
        if (merchant is null)
        {
            return (null, "no merchant name found");
        }

        merchant = Spaces().Replace(merchant, " ").Trim(' ', '*', '-', '=', '#');
        return (new Receipt(file, date.Value, merchant, Category(merchant, text), amount.Value, currency), null);
    }

    /// <summary>The first date: 2024-03-04, 04/03/2024 or 04.03.2024 (day first), 4 March 2024, March 4, 2024.</summary>
    public static DateOnly? FindDate(string text)
    {
        if (IsoDate().Match(text) is { Success: true } iso && Make(iso.Groups[1].Value, iso.Groups[2].Value, iso.Groups[3].Value) is { } a)
        {
            return a;
        }

        if (DayFirst().Match(text) is { Success: true } dmy && Make(dmy.Groups[3].Value, dmy.Groups[2].Value, dmy.Groups[1].Value) is { } b)
        {
            return b;
        }

        if (DayMonthName().Match(text) is { Success: true } named && MonthNumber(named.Groups[2].Value) is int m1 && Make(named.Groups[3].Value, m1.ToString(CultureInfo.InvariantCulture), named.Groups[1].Value) is { } c)
        {
            return c;
        }

        if (MonthNameDay().Match(text) is { Success: true } us && MonthNumber(us.Groups[1].Value) is int m2 && Make(us.Groups[3].Value, m2.ToString(CultureInfo.InvariantCulture), us.Groups[2].Value) is { } d)
        {
            return d;
        }

        return null;
    }

    /// <summary>The amount on the last line saying total (not subtotal), and a currency on that line.</summary>
    public static (decimal? Amount, string? Currency) FindTotal(string[] lines)
    {
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (!TotalWords().IsMatch(line) || SubtotalWords().IsMatch(line))
            {
                continue;
            }

            var amounts = Amount().Matches(line);
            if (amounts.Count == 0 && i + 1 < lines.Length)
            {
                amounts = Amount().Matches(lines[i + 1]);
                line += " " + lines[i + 1];
            }

            if (amounts.Count > 0 && ParseAmount(amounts[^1].Value) is decimal amount)
            {
                return (amount, FindCurrency(line));
            }
        }

        return (null, null);
    }

    public static string? FindCurrency(string text)
    {
        if (CurrencyCode().Match(text.ToUpperInvariant()) is { Success: true } code)
        {
            return code.Value;
        }

        return text.Contains('€', StringComparison.Ordinal) ? "EUR"
            : text.Contains('£', StringComparison.Ordinal) ? "GBP"
            : text.Contains('$', StringComparison.Ordinal) ? "USD"
            : null;
    }

    /// <summary>"1,234.56", "1.234,56", "23,40", "189.00" as a decimal.</summary>
    public static decimal? ParseAmount(string text)
    {
        var digits = text.Trim();
        var lastSeparator = digits.LastIndexOfAny([',', '.']);
        if (lastSeparator < 0 || digits.Length - lastSeparator - 1 != 2)
        {
            return null;
        }

        var whole = new string(digits[..lastSeparator].Where(char.IsAsciiDigit).ToArray());
        var cents = digits[(lastSeparator + 1)..];
        return decimal.TryParse(whole.Length == 0 ? "0" : whole, NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && decimal.TryParse(cents, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? w + (c / 100) : null;
    }

    private static DateOnly? Make(string year, string month, string day) =>
        int.TryParse(year, CultureInfo.InvariantCulture, out var y) && int.TryParse(month, CultureInfo.InvariantCulture, out var m) && int.TryParse(day, CultureInfo.InvariantCulture, out var d)
            && y is >= 1990 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d) : null;

    private static int? MonthNumber(string name)
    {
        var index = Array.IndexOf(Months, name[..Math.Min(3, name.Length)].ToLowerInvariant());
        return index < 0 ? null : index + 1;
    }

    [GeneratedRegex(@"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"\b(\d{1,2})\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthNameDay();

    [GeneratedRegex(@"\b(total|amount due|balance due|to pay|grand total|amount paid)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TotalWords();

    [GeneratedRegex(@"\b(sub-?total|total items|total qty|total quantity)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SubtotalWords();

    [GeneratedRegex(@"\d{1,3}(?:[.,\s]\d{3})*[.,]\d{2}(?!\d)|\d+[.,]\d{2}(?!\d)")]
    private static partial Regex Amount();

    [GeneratedRegex(@"\b(EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK)\b")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"^(receipt|invoice|tax invoice|quittung|facture|reçu|order|bill)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderWords();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
