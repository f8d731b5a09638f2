namespace Cowork.Storage;

/// <summary>The ordered schema migrations of the task store; <c>PRAGMA user_version</c> records the last one applied.</summary>
internal static class Migrations
{
    /// <summary>Written to <c>PRAGMA application_id</c> so a Cowork store is recognisable: "Cowk".</summary>
    public const int ApplicationId = 0x436F776B;

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "tasks, the append-only event log, usage and settings", """
            CREATE TABLE tasks (
                id             TEXT    NOT NULL PRIMARY KEY,
                request        TEXT    NOT NULL DEFAULT '',
                model          TEXT    NOT NULL DEFAULT '',
                state          TEXT    NOT NULL DEFAULT 'planning',
                stop_reason    TEXT,
                created_at     TEXT    NOT NULL,
                updated_at     TEXT    NOT NULL,
                parent_task_id TEXT    REFERENCES tasks (id),
                final_message  TEXT
            ) STRICT;
            CREATE INDEX tasks_by_created ON tasks (created_at DESC, id DESC);
            CREATE INDEX tasks_by_parent ON tasks (parent_task_id) WHERE parent_task_id IS NOT NULL;

            CREATE TABLE events (
                task_id   TEXT    NOT NULL REFERENCES tasks (id),
                sequence  INTEGER NOT NULL CHECK (sequence > 0),
                agent_id  TEXT    NOT NULL,
                type      TEXT    NOT NULL,
                timestamp TEXT    NOT NULL,
                json      TEXT    NOT NULL,
                PRIMARY KEY (task_id, sequence)
            ) STRICT;
            CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE (ABORT, 'the event log is append-only'); END;
            CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE (ABORT, 'the event log is append-only'); END;

            CREATE TABLE usage (
                task_id            TEXT    NOT NULL,
                sequence           INTEGER NOT NULL,
                day                TEXT    NOT NULL,
                model              TEXT    NOT NULL,
                input_tokens       INTEGER NOT NULL,
                output_tokens      INTEGER NOT NULL,
                cache_read_tokens  INTEGER NOT NULL,
                cache_write_tokens INTEGER NOT NULL,
                PRIMARY KEY (task_id, sequence),
                FOREIGN KEY (task_id, sequence) REFERENCES events (task_id, sequence)
            ) STRICT;
            CREATE INDEX usage_by_day ON usage (day);

            CREATE TABLE settings (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT;
            """),
        new(2, "requests from other processes to a running task: directions, pause, cancel, approvals", """
            CREATE TABLE controls (
                id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                task_id    TEXT    NOT NULL REFERENCES tasks (id),
                kind       TEXT    NOT NULL,
                payload    TEXT,
                created_at TEXT    NOT NULL,
                taken_at   TEXT
            ) STRICT;
            CREATE INDEX controls_waiting ON controls (task_id, id) WHERE taken_at IS NULL;
            """),
    ];

    public static int Latest => All[^1].Version;
}
