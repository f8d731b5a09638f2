using System.Globalization;

namespace Cowork.Documents;

/// <summary>
/// The TEXT function's formats that Excel and LibreOffice render alike: numbers ("0", "0.00", "#,##0.00", "0%")
/// and dates ("yyyy-mm-dd", "dd/mm/yyyy", "mmm yyyy", "mmmm", "yyyy-mm", "ddd").
/// </summary>
internal static class TextFormat
{
    public static object Format(double value, string format)
    {
        if (format.Length == 0)
        {
            return "";
        }

        if (format.Equals("General", StringComparison.OrdinalIgnoreCase))
        {
            return FormulaEvaluator.FormatGeneral(value);
        }

        if (format.AsSpan().IndexOfAny("yYdD") >= 0 || (format.Contains('m', StringComparison.OrdinalIgnoreCase) && format.AsSpan().IndexOfAny("0#") < 0))
        {
            return SerialDate.To(value) is DateTime date ? date.ToString(DateFormat(format), CultureInfo.InvariantCulture) : FormulaError.Value;
        }

        foreach (var ch in format)
        {
            if (ch is not ('0' or '#' or '.' or ',' or '%' or ' ' or '-' or '$' or '€' or '£'))
            {
                throw new FormulaException($"TEXT cannot format with \"{format}\"; use a number format like \"0.00\", \"#,##0\" or \"0%\", or a date format like \"yyyy-mm-dd\" or \"mmm yyyy\"");
            }
        }

        // Rounded in decimal first, half away from zero, as Excel does; binary fractions would round 2.675 down.
        var rounded = value;
        var decimals = format.Contains('.', StringComparison.Ordinal) ? format[(format.IndexOf('.', StringComparison.Ordinal) + 1)..].Count(c => c is '0' or '#') : 0;
        var scale = format.Contains('%', StringComparison.Ordinal) ? 100 : 1;
        if (Math.Abs(value * scale) < 1e27)
        {
            rounded = (double)Math.Round((decimal)(value * scale), decimals, MidpointRounding.AwayFromZero) / scale;
        }

        return rounded.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>An Excel date format in .NET terms: m is the month (minutes never appear in these formats).</summary>
    private static string DateFormat(string format)
    {
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < format.Length)
        {
            var ch = char.ToLowerInvariant(format[i]);
            var run = 1;
            while (i + run < format.Length && char.ToLowerInvariant(format[i + run]) == ch)
            {
                run++;
            }

            switch (ch)
            {
                case 'y':
                    result.Append(run <= 2 ? "yy" : "yyyy");
                    break;
                case 'm':
                    result.Append(new string('M', Math.Min(run, 4)));
                    break;
                case 'd':
                    result.Append(new string('d', Math.Min(run, 4)));
                    break;
                default:
                    result.Append('\\').Append(format[i]);
                    if (run > 1)
                    {
                        for (var k = 1; k < run; k++)
                        {
                            result.Append('\\').Append(format[i]);
                        }
                    }

                    break;
            }

            i += run;
        }

        return result.ToString();
    }
}
