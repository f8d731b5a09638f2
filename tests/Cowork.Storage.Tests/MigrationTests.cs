namespace Cowork.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void The_migration_steps_are_numbered_one_by_one_from_one()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.All.Count), Migrations.All.Select(m => m.Version));
        Assert.Equal(Migrations.Latest, TaskStore.SchemaVersion);
    }

    [Fact]
    public void A_missing_home_and_file_are_created_and_migrated()
    {
        var home = Path.Combine(_home.Path, "nested", "home");

        using (TaskStore.Open(home))
        {
        }

        var database = Path.Combine(home, TaskStore.FileName);
        Assert.True(File.Exists(database));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
        }
    }

    [Fact]
    public void An_empty_file_is_migrated_to_the_latest_schema_in_wal_mode()
    {
        File.WriteAllBytes(_home.Database, []);

        using (TaskStore.Open(_home.Path))
        {
        }

        Assert.Equal((long)TaskStore.SchemaVersion, _home.Scalar("PRAGMA user_version;"));
        Assert.Equal((long)Migrations.ApplicationId, _home.Scalar("PRAGMA application_id;"));
        Assert.Equal("wal", _home.Scalar("PRAGMA journal_mode;"));
        foreach (var table in new[] { "tasks", "events", "usage", "settings" })
        {
            Assert.Equal(1L, _home.Scalar($"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}';"));
        }

        var columns = new List<string>();
        using (var connection = _home.Raw())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info('tasks') ORDER BY cid;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["id", "request", "model", "state", "stop_reason", "created_at", "updated_at", "parent_task_id", "final_message"], columns);
    }

    [Fact]
    public void Reopening_changes_nothing_and_keeps_the_data()
    {
        using (var store = TaskStore.Open(_home.Path))
        {
            store.SetSetting("k", "v");
        }

        var schema = _home.Scalar("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name);");

        for (var i = 0; i < 3; i++)
        {
            using var store = TaskStore.Open(_home.Path);
            Assert.Equal("v", store.GetSetting("k"));
        }

        Assert.Equal(schema, _home.Scalar("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name);"));
        Assert.Equal((long)TaskStore.SchemaVersion, _home.Scalar("PRAGMA user_version;"));
    }

    [Fact]
    public void Two_stores_opening_a_new_file_at_once_both_succeed()
    {
        var stores = new TaskStore[2];
        using var barrier = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            stores[i] = TaskStore.Open(_home.Path);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        foreach (var store in stores)
        {
            store.SetSetting("k", "v");
            store.Dispose();
        }

        Assert.Equal((long)TaskStore.SchemaVersion, _home.Scalar("PRAGMA user_version;"));
    }

    [Fact]
    public void A_store_from_a_newer_cowork_is_refused_and_left_alone()
    {
        using (TaskStore.Open(_home.Path))
        {
        }

        var newer = TaskStore.SchemaVersion + 1;
        _home.Scalar($"PRAGMA user_version = {newer};");

        var error = Assert.Throws<StoreException>(() => TaskStore.Open(_home.Path));

        Assert.Equal(StoreErrorKind.NewerVersion, error.Kind);
        Assert.Equal(_home.Database, error.DatabasePath);
        Assert.Contains(_home.Database, error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains("update Cowork", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal((long)newer, _home.Scalar("PRAGMA user_version;"));
    }

    [Fact]
    public void Another_programs_sqlite_database_is_refused_and_left_alone()
    {
        _home.Scalar("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);");

        var error = Assert.Throws<StoreException>(() => TaskStore.Open(_home.Path));

        Assert.Equal(StoreErrorKind.NotATaskStore, error.Kind);
        Assert.Contains(_home.Database, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _home.Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'tasks';"));
    }
}
