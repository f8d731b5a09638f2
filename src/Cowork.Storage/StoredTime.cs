using System.Globalization;

namespace Cowork.Storage;

/// <summary>Instants as fixed-width ISO 8601 UTC text (they sort as they compare), days as yyyy-MM-dd.</summary>
internal static class StoredTime
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string DayFormat = "yyyy-MM-dd";

    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string LocalDay(DateTimeOffset value, TimeZoneInfo zone) =>
        Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(value, zone).DateTime));

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, DayFormat, CultureInfo.InvariantCulture);
}
