using Microsoft.Data.Sqlite;

namespace Cowork.Storage;

/// <summary>Turns SQLite and I/O failures into one-line <see cref="StoreException"/>s that name the file and the remedy.</summary>
internal static class StoreErrors
{
    // Primary result codes, https://sqlite.org/rescode.html
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraint = 19;
    private const int SqliteNotADb = 26;
    private const int SqliteConstraintPrimaryKey = SqliteConstraint | (6 << 8);

    /// <param name="action">What the store was doing, as a verb phrase: "store event 7 (usage) of task X".</param>
    public static StoreException From(SqliteException error, string databasePath, string action, TimeSpan busyTimeout)
    {
        var reason = Reason(error);
        return (error.SqliteErrorCode & 0xFF) switch
        {
            SqliteCorrupt or SqliteNotADb => Corrupt(databasePath, reason, error),
            SqliteBusy or SqliteLocked => new StoreException(
                StoreErrorKind.Busy,
                databasePath,
                $"Could not {action}: {databasePath} stayed locked by another process for more than {busyTimeout.TotalSeconds:0.###} s; wait for the other Cowork to finish and try again.",
                error),
            SqliteConstraint when error.SqliteExtendedErrorCode == SqliteConstraintPrimaryKey => new StoreException(
                StoreErrorKind.DuplicateEvent,
                databasePath,
                $"Could not {action}: it is already in {databasePath}, and the event log is append-only (a resumed task must continue after its last stored sequence).",
                error),
            SqliteFull => new StoreException(
                StoreErrorKind.Unavailable,
                databasePath,
                $"Could not {action}: the disk holding {databasePath} is full; free some space and try again.",
                error),
            SqlitePerm or SqliteReadOnly or SqliteCantOpen or SqliteIoErr => new StoreException(
                StoreErrorKind.Unavailable,
                databasePath,
                $"Could not {action}: {databasePath} cannot be opened or written ({reason}); check that its folder exists and is writable.",
                error),
            _ => new StoreException(
                StoreErrorKind.Failed,
                databasePath,
                $"Could not {action} in {databasePath}: {reason}.",
                error),
        };
    }

    public static StoreException Corrupt(string databasePath, string reason, Exception? error = null) => new(
        StoreErrorKind.Corrupt,
        databasePath,
        $"The task store {databasePath} is damaged ({reason}); move it aside together with any {Path.GetFileName(databasePath)}-wal and -shm files next to it, and Cowork will start a new, empty store.",
        error);

    public static StoreException Io(Exception error, string databasePath, string action) => new(
        StoreErrorKind.Unavailable,
        databasePath,
        $"Could not {action} at {databasePath}: {OneLine(error.Message)}",
        error);

    /// <summary>SQLite's own words for the error, without Microsoft.Data.Sqlite's "SQLite Error 26: '...'." wrapping.</summary>
    private static string Reason(SqliteException error)
    {
        var message = OneLine(error.Message);
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start + 1 ? message[(start + 1)..end] : message.TrimEnd('.');
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
