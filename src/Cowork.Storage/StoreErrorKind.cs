namespace Cowork.Storage;

/// <summary>What went wrong with the task store, for callers that choose an exit code or a remedy.</summary>
public enum StoreErrorKind
{
    /// <summary>Any other failure of SQLite or the file system.</summary>
    Failed,

    /// <summary>The file is not a readable SQLite database (overwritten, truncated, damaged). Move it aside.</summary>
    Corrupt,

    /// <summary>Another process held the database lock for longer than the busy timeout.</summary>
    Busy,

    /// <summary>The database was written by a newer Cowork whose schema this build does not know.</summary>
    NewerVersion,

    /// <summary>The file is a SQLite database, but not a Cowork task store.</summary>
    NotATaskStore,

    /// <summary>The file or its folder cannot be opened or written (permissions, read-only media, disk full).</summary>
    Unavailable,

    /// <summary>An event with the same task and sequence is already stored: the log is append-only.</summary>
    DuplicateEvent,

    /// <summary>A stored event or value cannot be read back by this build.</summary>
    Unreadable,
}
