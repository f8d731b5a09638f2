using System.Text.Json.Serialization;

namespace Cowork.Files;

/// <summary>One line of a task's change journal.</summary>
/// <remarks>
/// The journal is append-only JSON lines. A batch of changes is an <see cref="IntentRecord"/>, made durable (fsync)
/// before any of them happens, and a <see cref="CommitRecord"/> after. A batch with no commit was interrupted: undo
/// looks at the file system to tell which of its changes happened.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(HeaderRecord), "begin")]
[JsonDerivedType(typeof(IntentRecord), "intent")]
[JsonDerivedType(typeof(CommitRecord), "commit")]
[JsonDerivedType(typeof(UndoneRecord), "undone")]
public abstract record JournalRecord;

/// <summary>The first line: which task, and the granted folders the changes' <see cref="Change.Grant"/> indexes refer to.</summary>
public sealed record HeaderRecord(string TaskId, IReadOnlyList<FolderGrant> Grants) : JournalRecord;

/// <summary>A batch about to happen; <paramref name="Call"/> is the tool call that made it, when one did.</summary>
public sealed record IntentRecord(long Id, IReadOnlyList<Change> Changes, string? Call = null) : JournalRecord;

/// <summary>The batch ended; <paramref name="Failed"/> lists the indexes of changes that did not happen.</summary>
public sealed record CommitRecord(long Id, IReadOnlyList<int> Failed) : JournalRecord;

/// <summary>Undo reversed (or settled) one change: re-running undo skips it.</summary>
public sealed record UndoneRecord(long Id, int Index) : JournalRecord;
