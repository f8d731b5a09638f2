using System.Globalization;
using System.Text.RegularExpressions;

namespace Cowork.Data;

/// <summary>
/// What rows are grouped by: a column's value, or a period of a date column written <c>month(date)</c> (day, week,
/// month, quarter, year; weeks start on Monday and are named by that day).
/// </summary>
internal sealed partial class KeyExpression
{
    private KeyExpression(ColumnInfo column, string? period, string text)
    {
        Column = column;
        Period = period;
        Text = text;
    }

    public ColumnInfo Column { get; }

    /// <summary>day, week, month, quarter, year, or <see langword="null"/> for the value itself.</summary>
    public string? Period { get; }

    public string Text { get; }

    public static KeyExpression Parse(Dataset data, string expression)
    {
        var match = PeriodCall().Match(expression.Trim());
        if (!match.Success)
        {
            var column = data.Column(expression);
            return new KeyExpression(column, null, column.Name);
        }

        var period = match.Groups[1].Value.ToLowerInvariant();
        var dated = data.Column(match.Groups[2].Value);
        if (!dated.Format.IsTemporal)
        {
            throw new ToolException($"'{dated.Name}' is not a date column (it reads as {dated.Format.Kind}); {period}(…) needs dates.");
        }

        return new KeyExpression(dated, period, $"{period}({dated.Name})");
    }

    /// <summary>The row's key, or <see langword="null"/> when its value is missing or not a date.</summary>
    public string? KeyOf(DataRow row)
    {
        var field = row.Fields[Column.Index];
        if (ColumnFormat.IsNull(field))
        {
            return null;
        }

        if (Period is null)
        {
            return field;
        }

        return Column.Format.TryDate(field!, out var date) ? PeriodKey(date, Period) : null;
    }

    /// <summary>The period's name: 2024-03-18 (day, and the Monday of a week), 2024-03, 2024-Q1, 2024.</summary>
    public static string PeriodKey(DateTime date, string period) => period switch
    {
        "day" => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "week" => date.Date.AddDays(-(((int)date.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "month" => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        "quarter" => string.Create(CultureInfo.InvariantCulture, $"{date.Year}-Q{((date.Month - 1) / 3) + 1}"),
        "year" => date.Year.ToString(CultureInfo.InvariantCulture),
        _ => throw new ToolException($"Unknown period '{period}': use day, week, month, quarter or year."),
    };

    /// <summary>The first day of the period a <see cref="PeriodKey"/> names.</summary>
    public static DateTime PeriodStart(string key, string period) => period switch
    {
        "day" or "week" => DateTime.ParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        "month" => DateTime.ParseExact(key, "yyyy-MM", CultureInfo.InvariantCulture),
        "quarter" => new DateTime(int.Parse(key.AsSpan(0, 4), CultureInfo.InvariantCulture), ((key[^1] - '1') * 3) + 1, 1),
        _ => new DateTime(int.Parse(key, CultureInfo.InvariantCulture), 1, 1),
    };

    [GeneratedRegex(@"^(day|week|month|quarter|year)\s*\(\s*(.+?)\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodCall();
}
