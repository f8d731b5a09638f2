using System.Text;
using System.Text.Json;

namespace Cowork.Files;

/// <summary>
/// The append-only record of every change a task makes to its granted folders: what undo works from, even for a
/// task killed midway.
/// </summary>
/// <remarks>
/// Intents are fsynced before the changes they announce happen; commits are written after. Batching many changes
/// into one intent keeps a 10,000-file job to a few fsyncs. Thread-safe: appends are serialized.
/// </remarks>
public sealed class ChangeJournal : IDisposable
{
    public const string FileName = "journal.jsonl";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new RelativePathJsonConverter() },
    };

    private readonly Lock _gate = new();
    private readonly FileStream _stream;
    private long _nextId;

    private ChangeJournal(string path, FileStream stream, long nextId)
    {
        Path = path;
        _stream = stream;
        _nextId = nextId;
    }

    public string Path { get; }

    /// <summary>Starts the journal of a task (or continues an existing one, for undo and resume).</summary>
    public static ChangeJournal Open(string path, string taskId, IReadOnlyList<FolderGrant> grants)
    {
        var existing = File.Exists(path) ? Read(path) : null;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);
        var journal = new ChangeJournal(path, stream, (existing?.Intents.Count > 0 ? existing.Intents.Max(i => i.Id) : 0) + 1);
        if (existing is null)
        {
            journal.Append(new HeaderRecord(taskId, grants), durable: true);
        }

        return journal;
    }

    /// <summary>Records that <paramref name="changes"/> are about to happen, durably; returns the batch id for <see cref="Commit"/>.</summary>
    public long Intend(IReadOnlyList<Change> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            var id = _nextId++;
            Append(new IntentRecord(id, changes, ToolCallScope.CallId), durable: true);
            return id;
        }
    }

    /// <summary>Records that the batch ended, and which of its changes did not happen.</summary>
    public void Commit(long id, IReadOnlyList<int> failed) => Append(new CommitRecord(id, failed), durable: false);

    public void MarkUndone(long id, int index) => Append(new UndoneRecord(id, index), durable: true);

    /// <summary>Reads a journal; a torn last line (the process died while writing it) is ignored.</summary>
    /// <exception cref="InvalidDataException">The journal is damaged before its last line, or has no header.</exception>
    public static JournalContents Read(string path)
    {
        HeaderRecord? header = null;
        var intents = new List<IntentRecord>();
        var commits = new Dictionary<long, CommitRecord>();
        var undone = new HashSet<(long, int)>();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            JournalRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<JournalRecord>(lines[i], Json);
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                break;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"The journal {path} is damaged at line {i + 1}: {ex.Message}", ex);
            }

            switch (record)
            {
                case HeaderRecord h:
                    header = h;
                    break;
                case IntentRecord intent:
                    intents.Add(intent);
                    break;
                case CommitRecord commit:
                    commits[commit.Id] = commit;
                    break;
                case UndoneRecord done:
                    undone.Add((done.Id, done.Index));
                    break;
            }
        }

        return new JournalContents(
            header ?? throw new InvalidDataException($"The journal {path} has no header."),
            intents, commits, undone);
    }

    private void Append(JournalRecord record, bool durable)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        lock (_gate)
        {
            _stream.Write(line);
            _stream.WriteByte((byte)'\n');
            _stream.Flush(flushToDisk: durable);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
        }
    }
}
