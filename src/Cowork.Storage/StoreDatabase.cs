using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cowork.Storage;

/// <summary>Opens connections to the store's file with the per-connection settings every connection needs.</summary>
internal static class StoreDatabase
{
    /// <summary>
    /// Opens a connection: busy timeout, foreign keys on, <c>synchronous=NORMAL</c> (durable with WAL except for the
    /// last transactions before a power loss; never corrupt). No pooling: each connection is owned by one object.
    /// </summary>
    public static SqliteConnection Connect(string databasePath, TaskStoreOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Switches the file to write-ahead logging (persistent; a no-op when it already is).</summary>
    public static void UseWriteAheadLog(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteScalar();
    }
}
