namespace Cowork.Storage;

/// <summary>The task store cannot do what was asked. <see cref="Exception.Message"/> is one line, fit to show a person.</summary>
/// <remarks>
/// The message names the database file and, where there is one, the remedy (move a damaged file aside, close the
/// other process, update Cowork). The SQLite error, when there was one, is the <see cref="Exception.InnerException"/>.
/// </remarks>
public sealed class StoreException : Exception
{
    public StoreException()
        : this(StoreErrorKind.Failed, "", "The task store failed.")
    {
    }

    public StoreException(string message)
        : this(StoreErrorKind.Failed, "", message)
    {
    }

    public StoreException(string message, Exception innerException)
        : this(StoreErrorKind.Failed, "", message, innerException)
    {
    }

    public StoreException(StoreErrorKind kind, string databasePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        DatabasePath = databasePath ?? "";
    }

    public StoreErrorKind Kind { get; }

    /// <summary>The database file concerned; empty when not known.</summary>
    public string DatabasePath { get; }
}
