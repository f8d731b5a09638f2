using Microsoft.Data.Sqlite;

namespace Cowork.Storage.Tests;

/// <summary>A fresh COWORK_HOME in the temp folder, deleted afterwards.</summary>
internal sealed class TestHome : IDisposable
{
    public TestHome()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cowork-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Database => System.IO.Path.Combine(Path, TaskStore.FileName);

    /// <summary>A plain connection to the database, as another program would open it.</summary>
    public SqliteConnection Raw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
