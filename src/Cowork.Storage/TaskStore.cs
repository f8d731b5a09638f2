using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Cowork.Storage;

/// <summary>
/// The durable store of tasks: a SQLite database (<c>cowork.db</c> under COWORK_HOME) holding each task's append-only
/// event log, the <c>tasks</c> and <c>usage</c> tables derived from it, and settings.
/// </summary>
/// <remarks>
/// <para>
/// The event log is the source of truth: <see cref="LoadTask"/> rebuilds a <see cref="CoworkTask"/> by replaying it, and the
/// derived rows are written in the same transaction as the event they come from, so they never disagree with it.
/// Events are appended by a <see cref="TaskEventWriter"/> (<see cref="CreateWriter"/>) subscribed to the task's hub.
/// </para>
/// <para>
/// The file is in WAL mode: readers never block the writer, and several processes may read and append at once (each
/// append waits up to <see cref="TaskStoreOptions.BusyTimeout"/> for the write lock).
/// </para>
/// <para>
/// Thread safety: every member may be called from any thread; reads and settings share one connection under a lock.
/// Each <see cref="TaskEventWriter"/> has its own connection. Failures are <see cref="StoreException"/>s with a one-line
/// message; an unknown task id is not a failure (<see langword="null"/> or empty).
/// </para>
/// </remarks>
public sealed class TaskStore : IDisposable
{
    /// <summary>The database file's name inside COWORK_HOME.</summary>
    public const string FileName = "cowork.db";

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly TaskStoreOptions _options;
    private bool _disposed;

    private TaskStore(string databasePath, SqliteConnection connection, TaskStoreOptions options)
    {
        DatabasePath = databasePath;
        _connection = connection;
        _options = options;
    }

    /// <summary>The schema version this build writes; <c>PRAGMA user_version</c> of an up-to-date store.</summary>
    public static int SchemaVersion => Migrations.Latest;

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Opens <c>&lt;coworkHome&gt;/cowork.db</c>, creating the folder and the file (readable by the owner only) when missing,
    /// switching it to WAL and applying any schema migrations this build has and the file lacks.
    /// </summary>
    /// <exception cref="StoreException">
    /// The file is damaged or not a Cowork store (<see cref="StoreErrorKind.Corrupt"/>, <see cref="StoreErrorKind.NotATaskStore"/>),
    /// comes from a newer Cowork (<see cref="StoreErrorKind.NewerVersion"/>), stays locked (<see cref="StoreErrorKind.Busy"/>),
    /// or cannot be created (<see cref="StoreErrorKind.Unavailable"/>).
    /// </exception>
    public static TaskStore Open(string coworkHome, TaskStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(coworkHome);
        // A copy: the store and its writers keep the settings they were opened with.
        options = options is null
            ? new TaskStoreOptions()
            : new TaskStoreOptions { BusyTimeout = options.BusyTimeout, TimeZone = options.TimeZone };
        var home = Path.GetFullPath(coworkHome);
        var databasePath = Path.Combine(home, FileName);
        if (Directory.Exists(databasePath))
        {
            throw new StoreException(
                StoreErrorKind.Unavailable,
                databasePath,
                $"The task store {databasePath} is a folder, not a database file; move it aside and Cowork will start a new store.");
        }

        try
        {
            CreatePrivately(home, databasePath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw StoreErrors.Io(error, databasePath, "create the task store");
        }

        SqliteConnection? connection = null;
        try
        {
            connection = StoreDatabase.Connect(databasePath, options);
            StoreDatabase.UseWriteAheadLog(connection);
            SchemaMigrator.Migrate(connection, databasePath);
            var store = new TaskStore(databasePath, connection, options);
            connection = null;
            return store;
        }
        catch (SqliteException error)
        {
            throw StoreErrors.From(error, databasePath, "open the task store", options.BusyTimeout);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>A sink that appends every event of task <paramref name="taskId"/> to the log as it is published.</summary>
    /// <remarks>The writer has its own connection: subscribe it to the task's hub and dispose it when the run ends.</remarks>
    public TaskEventWriter CreateWriter(string taskId)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteConnection? connection = null;
        try
        {
            connection = StoreDatabase.Connect(DatabasePath, _options);
            var writer = new TaskEventWriter(taskId, connection, DatabasePath, _options);
            connection = null;
            return writer;
        }
        catch (SqliteException error)
        {
            throw StoreErrors.From(error, DatabasePath, $"open a writer for task {taskId}", _options.BusyTimeout);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>The most recently created tasks, newest first, with their token totals.</summary>
    public IReadOnlyList<TaskSummary> ListTasks(int limit = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Read("list tasks", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = SummarySelect + """
                FROM (SELECT * FROM tasks ORDER BY created_at DESC, id DESC LIMIT $limit) AS t
                LEFT JOIN usage AS u ON u.task_id = t.id
                GROUP BY t.id
                ORDER BY t.created_at DESC, t.id DESC;
                """;
            command.Parameters.AddWithValue("$limit", limit);
            return ReadSummaries(command);
        });
    }

    /// <summary>One task's line of the task list; <see langword="null"/> for an unknown id.</summary>
    public TaskSummary? GetTask(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return Read($"read task {taskId}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = SummarySelect + """
                FROM tasks AS t
                LEFT JOIN usage AS u ON u.task_id = t.id
                WHERE t.id = $id
                GROUP BY t.id;
                """;
            command.Parameters.AddWithValue("$id", taskId);
            return ReadSummaries(command) is [var summary] ? summary : null;
        });
    }

    /// <summary>The stored events of a task with a sequence after <paramref name="afterSequence"/>, in order; empty for an unknown id.</summary>
    /// <exception cref="StoreException">An event cannot be read back (<see cref="StoreErrorKind.Unreadable"/>), or the file is damaged.</exception>
    public IReadOnlyList<TaskEvent> ReadEvents(string taskId, long afterSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return Read($"read the events of task {taskId}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sequence, json FROM events WHERE task_id = $id AND sequence > $after ORDER BY sequence;";
            command.Parameters.AddWithValue("$id", taskId);
            command.Parameters.AddWithValue("$after", afterSequence);
            using var reader = command.ExecuteReader();
            var events = new List<TaskEvent>();
            while (reader.Read())
            {
                events.Add(ParseEvent(taskId, reader.GetInt64(0), reader.GetString(1)));
            }

            return events;
        });
    }

    /// <summary>The sequence of the last stored event of a task, 0 when it has none; a resumed task continues after it.</summary>
    public long LastSequence(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return Read($"read the last sequence of task {taskId}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(sequence), 0) FROM events WHERE task_id = $id;";
            command.Parameters.AddWithValue("$id", taskId);
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>The task as its stored events describe it, rebuilt through <see cref="CoworkTask.Apply"/>; <see langword="null"/> for an unknown id.</summary>
    public CoworkTask? LoadTask(string taskId)
    {
        var events = ReadEvents(taskId);
        return events.Count == 0 ? null : CoworkTask.Replay(taskId, events);
    }

    /// <summary>Usage reported on the local days <paramref name="from"/> through <paramref name="to"/>, both included.</summary>
    public UsageReport Usage(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        return Read("read usage", connection =>
        {
            // One read transaction: the four sums see the same snapshot even while tasks append.
            using var transaction = connection.BeginTransaction(deferred: true);
            SqliteCommand Query(string select, string groupAndOrder, string join = "")
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    SELECT {select} count(*), coalesce(sum(u.input_tokens), 0), coalesce(sum(u.output_tokens), 0),
                           coalesce(sum(u.cache_read_tokens), 0), coalesce(sum(u.cache_write_tokens), 0)
                    FROM usage AS u
                    {join}
                    WHERE u.day BETWEEN $from AND $to
                    {groupAndOrder};
                    """;
                command.Parameters.AddWithValue("$from", StoredTime.Day(from));
                command.Parameters.AddWithValue("$to", StoredTime.Day(to));
                return command;
            }

            const string ByTokens = "ORDER BY sum(u.input_tokens) + sum(u.output_tokens) DESC";
            var total = Rows(Query("", ""), (_, totals) => totals).Single();
            var byDay = Rows(Query("u.day,", "GROUP BY u.day ORDER BY u.day"), (r, totals) => new DailyUsage(StoredTime.ParseDay(r.GetString(0)), totals));
            var byModel = Rows(Query("u.model,", $"GROUP BY u.model {ByTokens}, u.model"), (r, totals) => new ModelUsage(r.GetString(0), totals));
            var byTask = Rows(
                Query("u.task_id, t.request,", $"GROUP BY u.task_id {ByTokens}, u.task_id", "JOIN tasks AS t ON t.id = u.task_id"),
                (r, totals) => new TaskUsage(r.GetString(0), r.GetString(1), totals));
            transaction.Commit();
            return new UsageReport(from, to, total, byDay, byModel, byTask);
        });

        static List<T> Rows<T>(SqliteCommand command, Func<SqliteDataReader, UsageTotals, T> map)
        {
            using (command)
            {
                using var reader = command.ExecuteReader();
                var rows = new List<T>();
                var first = reader.FieldCount - 5;
                while (reader.Read())
                {
                    rows.Add(map(reader, Totals(reader, first)));
                }

                return rows;
            }
        }
    }

    /// <summary>Leaves a request for task <paramref name="taskId"/>; the process running it takes it within a moment (<see cref="TakeControls"/>).</summary>
    /// <remarks>A request for a task that is not running waits for the next run of it.</remarks>
    public void SendControl(string taskId, ControlKind kind, string? payload = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        Read<object?>($"send a request to task {taskId}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO controls (task_id, kind, payload, created_at) VALUES ($task, $kind, $payload, $at);";
            command.Parameters.AddWithValue("$task", taskId);
            command.Parameters.AddWithValue("$kind", StoredNames.Of(kind));
            command.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", StoredTime.Instant(DateTimeOffset.UtcNow));
            command.ExecuteNonQuery();
            return null;
        });
    }

    /// <summary>The requests waiting for task <paramref name="taskId"/>, oldest first, marked as taken in the same transaction.</summary>
    public IReadOnlyList<ControlRequest> TakeControls(string taskId)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        return Read($"read the requests for task {taskId}", connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT id, kind, payload, created_at FROM controls WHERE task_id = $task AND taken_at IS NULL ORDER BY id;";
            select.Parameters.AddWithValue("$task", taskId);
            var requests = new List<ControlRequest>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    requests.Add(new ControlRequest(
                        reader.GetInt64(0),
                        StoredNames.ParseControlKind(reader.GetString(1), DatabasePath),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        StoredTime.ParseInstant(reader.GetString(3))));
                }
            }

            if (requests.Count > 0)
            {
                using var take = connection.CreateCommand();
                take.Transaction = transaction;
                take.CommandText = "UPDATE controls SET taken_at = $at WHERE task_id = $task AND taken_at IS NULL AND id <= $last;";
                take.Parameters.AddWithValue("$at", StoredTime.Instant(DateTimeOffset.UtcNow));
                take.Parameters.AddWithValue("$task", taskId);
                take.Parameters.AddWithValue("$last", requests[^1].Id);
                take.ExecuteNonQuery();
            }

            transaction.Commit();
            return (IReadOnlyList<ControlRequest>)requests;
        });
    }

    /// <summary>A stored setting; <see langword="null"/> when it is not set.</summary>
    public string? GetSetting(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Read($"read the setting {key}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM settings WHERE key = $key;";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        });
    }

    /// <summary>Stores a setting, replacing any earlier value; a <see langword="null"/> value removes it.</summary>
    public void SetSetting(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Read<object?>($"write the setting {key}", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = value is null
                ? "DELETE FROM settings WHERE key = $key;"
                : "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";
            command.Parameters.AddWithValue("$key", key);
            if (value is not null)
            {
                command.Parameters.AddWithValue("$value", value);
            }

            command.ExecuteNonQuery();
            return null;
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
    }

    private const string SummarySelect = """
        SELECT t.id, t.request, t.model, t.state, t.stop_reason, t.created_at,
               coalesce((SELECT e.timestamp FROM events AS e WHERE e.task_id = t.id ORDER BY e.sequence DESC LIMIT 1), t.updated_at),
               t.parent_task_id, t.final_message,
               count(u.sequence), coalesce(sum(u.input_tokens), 0), coalesce(sum(u.output_tokens), 0),
               coalesce(sum(u.cache_read_tokens), 0), coalesce(sum(u.cache_write_tokens), 0)
        """;

    private T Read<T>(string action, Func<SqliteConnection, T> read)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return read(_connection);
            }
            catch (SqliteException error)
            {
                throw StoreErrors.From(error, DatabasePath, action, _options.BusyTimeout);
            }
        }
    }

    private List<TaskSummary> ReadSummaries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var summaries = new List<TaskSummary>();
        while (reader.Read())
        {
            summaries.Add(new TaskSummary(
                Id: reader.GetString(0),
                Request: reader.GetString(1),
                Model: reader.GetString(2),
                State: StoredNames.ParseState(reader.GetString(3), DatabasePath),
                StopReason: reader.IsDBNull(4) ? null : StoredNames.ParseStopReason(reader.GetString(4), DatabasePath),
                CreatedAt: StoredTime.ParseInstant(reader.GetString(5)),
                UpdatedAt: StoredTime.ParseInstant(reader.GetString(6)),
                ParentTaskId: reader.IsDBNull(7) ? null : reader.GetString(7),
                FinalMessage: reader.IsDBNull(8) ? null : reader.GetString(8),
                Usage: Totals(reader, 9)));
        }

        return summaries;
    }

    private static UsageTotals Totals(SqliteDataReader reader, int first) => new(
        Calls: reader.GetInt64(first),
        InputTokens: reader.GetInt64(first + 1),
        OutputTokens: reader.GetInt64(first + 2),
        CacheReadTokens: reader.GetInt64(first + 3),
        CacheWriteTokens: reader.GetInt64(first + 4));

    private TaskEvent ParseEvent(string taskId, long sequence, string json)
    {
        try
        {
            return EventJson.Deserialize(json);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException)
        {
            throw new StoreException(
                StoreErrorKind.Unreadable,
                DatabasePath,
                $"Event {sequence} of task {taskId} in {DatabasePath} cannot be read ({error.Message.ReplaceLineEndings(" ")}); it may come from a newer Cowork.",
                error);
        }
    }

    private static void CreatePrivately(string home, string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(home);
            using (new FileStream(databasePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            return;
        }

        // Requests, file names and answers are private: the folder and a new database are the owner's alone.
        // SQLite gives the -wal and -shm files the database's permissions.
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(databasePath))
        {
            try
            {
                using var created = new FileStream(databasePath, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.ReadWrite | FileShare.Delete,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(databasePath))
            {
                // Another process created it first.
            }
        }
    }
}
