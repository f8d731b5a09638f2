using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cowork.Storage;

/// <summary>Brings a database to <see cref="Migrations.Latest"/>, one step per transaction, or refuses it.</summary>
/// <remarks>
/// Each step runs in its own <c>BEGIN IMMEDIATE</c> transaction that re-reads <c>user_version</c> first, so two processes
/// opening the same new store at once apply every step exactly once. A database from a newer Cowork is refused,
/// never downgraded; a SQLite file that is not a Cowork store is refused, never altered.
/// </remarks>
internal static class SchemaMigrator
{
    public static void Migrate(SqliteConnection connection, string databasePath)
    {
        var version = UserVersion(connection, null);
        RefuseNewer(version, databasePath);
        if (version == Migrations.Latest)
        {
            RefuseForeign(connection, null, version, databasePath);
            return;
        }

        foreach (var migration in Migrations.All)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            version = UserVersion(connection, transaction);
            RefuseNewer(version, databasePath);
            if (version >= migration.Version)
            {
                continue;
            }

            RefuseForeign(connection, transaction, version, databasePath);
            Execute(connection, transaction, migration.Sql);
            Execute(connection, transaction, string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA application_id = {Migrations.ApplicationId}; PRAGMA user_version = {migration.Version};"));
            transaction.Commit();
        }
    }

    public static int UserVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), CultureInfo.InvariantCulture);

    private static void RefuseNewer(int version, string databasePath)
    {
        if (version > Migrations.Latest)
        {
            throw new StoreException(
                StoreErrorKind.NewerVersion,
                databasePath,
                $"The task store {databasePath} was written by a newer Cowork (schema version {version}; this version knows up to {Migrations.Latest}); update Cowork, or move the file aside to start a new store.");
        }
    }

    private static void RefuseForeign(SqliteConnection connection, SqliteTransaction? transaction, int version, string databasePath)
    {
        var applicationId = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA application_id;"), CultureInfo.InvariantCulture);
        var foreign = applicationId != Migrations.ApplicationId
            && (applicationId != 0
                || version != 0
                || Convert.ToInt64(Scalar(connection, transaction, "SELECT count(*) FROM sqlite_schema;"), CultureInfo.InvariantCulture) != 0);
        if (foreign)
        {
            throw new StoreException(
                StoreErrorKind.NotATaskStore,
                databasePath,
                $"{databasePath} is a SQLite database but not a Cowork task store; move it aside or point COWORK_HOME elsewhere.");
        }
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
