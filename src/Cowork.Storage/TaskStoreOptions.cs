namespace Cowork.Storage;

/// <summary>How <see cref="TaskStore.Open(string, TaskStoreOptions?)"/> opens the database.</summary>
public sealed class TaskStoreOptions
{
    /// <summary>The default <see cref="BusyTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a statement waits for another process to release the database lock before it fails with
    /// <see cref="StoreErrorKind.Busy"/>. Default 5 seconds; at least 1 millisecond and at most 10 minutes.
    /// </summary>
    /// <remarks>
    /// SQLite waits this long itself; Microsoft.Data.Sqlite then retries until its command timeout (this value rounded up
    /// to whole seconds) has elapsed, so the longest wait is the rounded-up value.
    /// </remarks>
    public TimeSpan BusyTimeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(1));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(10));
            field = value;
        }
    } = DefaultBusyTimeout;

    /// <summary>
    /// The time zone that decides the local day a model call's usage counts for. Default <see cref="TimeZoneInfo.Local"/>.
    /// </summary>
    /// <remarks>The day is fixed when the usage is written: changing the zone later does not move stored usage.</remarks>
    public TimeZoneInfo TimeZone
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = TimeZoneInfo.Local;
}
