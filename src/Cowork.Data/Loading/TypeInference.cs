using System.Globalization;

namespace Cowork.Data;

/// <summary>
/// Infers a column's <see cref="ColumnFormat"/> from a sample of its values: the kind that at least 90 % of the present
/// values fit (the rest are reported as values that do not fit), else text.
/// </summary>
internal static class TypeInference
{
    private const double Share = 0.9;

    /// <summary>Date formats by family; month-first is tried before day-first, as pandas and Excel (en-US) do.</summary>
    private static readonly string[][] DateFamilies =
    [
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"],
        ["yyyy/MM/dd", "yyyy/M/d", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy.MM.dd"],
        ["M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "M-d-yyyy"],
        ["d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d.M.yyyy", "d.M.yyyy H:mm", "d-M-yyyy"],
        ["d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "dd-MMM-yyyy", "d-MMM-yy", "dd-MMM-yy", "ddd, d MMM yyyy", "dddd, MMMM d, yyyy"],
    ];

    public static ColumnFormat Infer(IReadOnlyList<string> present)
    {
        if (present.Count == 0)
        {
            return new ColumnFormat(ColumnKind.Empty);
        }

        var need = (int)Math.Ceiling(present.Count * Share);
        if (present.Count(v => ColumnFormat.TryBoolean(v, out _)) >= need)
        {
            return new ColumnFormat(ColumnKind.Boolean);
        }

        if (Numeric(present, need) is { } number)
        {
            return number;
        }

        foreach (var formats in DateFamilies)
        {
            var times = false;
            var fits = 0;
            foreach (var value in present)
            {
                if (DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
                {
                    fits++;
                    times |= date.TimeOfDay != TimeSpan.Zero;
                }
            }

            if (fits >= need)
            {
                return new ColumnFormat(times ? ColumnKind.DateTime : ColumnKind.Date, DateFormats: formats);
            }
        }

        return ColumnFormat.Text;
    }

    private static ColumnFormat? Numeric(IReadOnlyList<string> present, int need)
    {
        foreach (var decimalComma in (bool[])[false, true])
        {
            var fits = 0;
            var integral = true;
            var units = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var value in present)
            {
                string? unit = null;
                var number = 0.0;
                var plain = !decimalComma && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && !double.IsNaN(number);
                if (plain || ColumnFormat.TryDecorated(value, decimalComma, out number, out unit))
                {
                    fits++;
                    integral &= number == Math.Floor(number) && !value.Contains(decimalComma ? ',' : '.', StringComparison.Ordinal) && unit != "%"
                        && !value.Contains('e', StringComparison.OrdinalIgnoreCase);
                    if (unit is not null)
                    {
                        units[unit] = units.GetValueOrDefault(unit) + 1;
                    }
                }
            }

            if (fits >= need)
            {
                var mainUnit = units.Count == 0 ? null : units.MaxBy(u => u.Value).Key;
                return new ColumnFormat(integral && mainUnit is null ? ColumnKind.Integer : ColumnKind.Number, decimalComma, mainUnit);
            }
        }

        return null;
    }
}
