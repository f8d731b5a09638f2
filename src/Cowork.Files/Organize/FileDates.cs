using System.Globalization;
using System.Text.RegularExpressions;

namespace Cowork.Files;

/// <summary>Dates written in file names: cameras, phones and scanners write one.</summary>
public static partial class FileDates
{
    /// <summary>A plausible calendar date written in a file name: 2024-03-12, 2024_03_12, 20240312 (as in IMG_20240312_101500).</summary>
    public static DateTime? FromName(string name)
    {
        foreach (Match match in DateInName().Matches(name))
        {
            var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (year is >= 1970 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Local);
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d\d)(?<s>[-_.]?)(?<m>\d\d)\k<s>(?<d>\d\d)(?!\d)")]
    private static partial Regex DateInName();
}
