using Microsoft.Data.Sqlite;

namespace Cowork.Storage;

/// <summary>
/// Appends the events of one task to the store as they are published, and keeps the task's <c>tasks</c> row and its
/// <c>usage</c> rows in step with them. Subscribe it to the task's <see cref="TaskEventHub"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each event is one transaction: the event row and whatever it changes in the derived tables. The task row is created
/// with the first event this writer stores (if it does not exist yet), takes request, model and creation time from
/// <see cref="TaskCreated"/>, the state from <see cref="TaskStateChanged"/>, and state, stop reason and final message
/// from <see cref="TaskFinished"/> (cleared again by <see cref="TaskResumed"/>); each of these sets its <c>updated_at</c>. A <see cref="UsageReported"/> adds its
/// <c>usage</c> row. The log and the tables derived from it therefore never disagree. Events that change no derived
/// row (streamed text, tool calls: nearly all of them) are a single INSERT in its own implicit transaction.
/// </para>
/// <para>
/// Cost: the writer keeps one open connection and prepared statements. With WAL and <c>synchronous=NORMAL</c> a commit
/// appends to the write-ahead log without waiting for the disk (only checkpoints, every ~1000 pages, flush it), so an
/// event costs tens of microseconds on the publishing thread; <c>WriteCostTests</c> prints the figure.
/// A power loss may lose the last few commits, never corrupt the file.
/// </para>
/// <para>
/// Failures are loud and final. If an event cannot be stored, <see cref="OnEvent"/> throws a <see cref="StoreException"/>
/// (so <see cref="TaskEventHub.Publish"/> throws to the code that published it, and sinks subscribed after the writer do
/// not see that event) and the writer is faulted: every later event throws too, so the stored log is always an
/// unbroken prefix of what was published, never a log with a hole. Subscribe the writer before renderers so
/// nothing is shown that was not stored.
/// </para>
/// <para>
/// Not thread-safe on its own: the hub calls <see cref="OnEvent"/> under its lock, one event at a time.
/// </para>
/// </remarks>
public sealed class TaskEventWriter : ITaskEventSink, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _databasePath;
    private readonly TaskStoreOptions _options;

    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _ensureTask;
    private readonly SqliteCommand _createTask;
    private readonly SqliteCommand _changeState;
    private readonly SqliteCommand _finishTask;
    private readonly SqliteCommand _resumeTask;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertUsage;

    private bool _taskRowExists;
    private StoreException? _fault;
    private bool _disposed;

    internal TaskEventWriter(string taskId, SqliteConnection connection, string databasePath, TaskStoreOptions options)
    {
        TaskId = taskId;
        _connection = connection;
        _databasePath = databasePath;
        _options = options;

        // Plain BEGIN/COMMIT statements, prepared once: cheaper per event than SqliteConnection.BeginTransaction.
        _begin = Prepare("BEGIN IMMEDIATE;");
        _commit = Prepare("COMMIT;");
        _rollback = Prepare("ROLLBACK;");
        _ensureTask = Prepare(
            "INSERT INTO tasks (id, created_at, updated_at) VALUES ($task, $at, $at) ON CONFLICT (id) DO NOTHING;",
            "$task", "$at");
        _createTask = Prepare(
            "UPDATE tasks SET request = $request, model = $model, created_at = $at, updated_at = $at WHERE id = $task;",
            "$task", "$request", "$model", "$at");
        _changeState = Prepare("UPDATE tasks SET state = $state, updated_at = $at WHERE id = $task;", "$task", "$state", "$at");
        _finishTask = Prepare(
            "UPDATE tasks SET state = $state, stop_reason = $reason, final_message = $message, updated_at = $at WHERE id = $task;",
            "$task", "$state", "$reason", "$message", "$at");
        _resumeTask = Prepare("UPDATE tasks SET stop_reason = NULL, final_message = NULL, updated_at = $at WHERE id = $task;", "$task", "$at");
        _insertEvent = Prepare("""
            INSERT INTO events (task_id, sequence, agent_id, type, timestamp, json)
            VALUES ($task, $sequence, $agent, $type, $at, $json);
            """, "$task", "$sequence", "$agent", "$type", "$at", "$json");
        _insertUsage = Prepare("""
            INSERT INTO usage (task_id, sequence, day, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
            VALUES ($task, $sequence, $day, $model, $input, $output, $cache_read, $cache_write);
            """, "$task", "$sequence", "$day", "$model", "$input", "$output", "$cache_read", "$cache_write");
    }

    public string TaskId { get; }

    /// <summary>The sequence of the last event this writer stored; 0 before the first.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Appends <paramref name="taskEvent"/> and updates the derived rows, in one transaction.</summary>
    /// <exception cref="ArgumentException">The event belongs to another task.</exception>
    /// <exception cref="StoreException">The event was not stored (see the remarks on <see cref="TaskEventWriter"/>).</exception>
    public void OnEvent(TaskEvent taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!string.Equals(taskEvent.TaskId, TaskId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The event belongs to task '{taskEvent.TaskId}', but this writer stores task '{TaskId}'.", nameof(taskEvent));
        }

        if (_fault is not null)
        {
            throw new StoreException(
                _fault.Kind,
                _databasePath,
                $"The task store stopped recording task {TaskId} after an earlier failure: {_fault.Message}",
                _fault);
        }

        var type = StoredNames.EventType(taskEvent);
        var json = EventJson.Serialize(taskEvent);
        var at = StoredTime.Instant(taskEvent.Timestamp);
        // Most events (streamed text, tool calls) are one row: the INSERT's own implicit transaction is the event's
        // transaction. Events that also change a derived row get an explicit one around all their rows.
        var derived = !_taskRowExists || taskEvent is TaskCreated or TaskStateChanged or TaskResumed or TaskFinished or UsageReported;
        var inTransaction = false;
        try
        {
            if (derived)
            {
                _begin.ExecuteNonQuery();
                inTransaction = true;
                if (!_taskRowExists)
                {
                    Run(_ensureTask, TaskId, at);
                }

                switch (taskEvent)
                {
                    case TaskCreated created:
                        Run(_createTask, TaskId, created.Request, created.Model, at);
                        break;
                    case TaskStateChanged changed:
                        Run(_changeState, TaskId, StoredNames.Of(changed.State), at);
                        break;
                    case TaskResumed:
                        Run(_resumeTask, TaskId, at);
                        break;
                    case TaskFinished finished:
                        Run(_finishTask, TaskId, StoredNames.Of(finished.State), StoredNames.Of(finished.Reason), finished.Message, at);
                        break;
                }
            }

            Run(_insertEvent, TaskId, taskEvent.Sequence, taskEvent.AgentId, type, at, json);
            if (taskEvent is UsageReported usage)
            {
                Run(
                    _insertUsage,
                    TaskId,
                    usage.Sequence,
                    StoredTime.LocalDay(usage.Timestamp, _options.TimeZone),
                    usage.Model,
                    usage.InputTokens,
                    usage.OutputTokens,
                    usage.CacheReadTokens,
                    usage.CacheWriteTokens);
            }

            if (inTransaction)
            {
                _commit.ExecuteNonQuery();
            }
        }
        catch (SqliteException error)
        {
            if (inTransaction)
            {
                RollBack();
            }

            _fault = StoreErrors.From(error, _databasePath, $"store event {taskEvent.Sequence} ({type}) of task {TaskId}", _options.BusyTimeout);
            throw _fault;
        }

        _taskRowExists = true;
        LastSequence = taskEvent.Sequence;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var command in new[] { _begin, _commit, _rollback, _ensureTask, _createTask, _changeState, _finishTask, _resumeTask, _insertEvent, _insertUsage })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private void RollBack()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back (it does on some errors, such as a full disk); nothing is left to undo.
        }
    }
}
