namespace Cowork.Documents;

/// <summary>Dates as spreadsheet serial numbers (the 1900 date system: 1 is 1900-01-01; 61 is 1900-03-01).</summary>
internal static class SerialDate
{
    private static readonly DateTime Epoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);

    public static double From(DateTime date) => (date - Epoch).TotalDays;

    public static DateTime? To(double serial) =>
        serial is >= 61 and < 2_958_466 ? Epoch.AddDays(Math.Floor(serial)).Add(TimeSpan.FromDays(serial - Math.Floor(serial))) : null;
}
