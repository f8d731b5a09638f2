namespace Cowork.Files;

/// <summary>
/// Restores a task's granted folders to their state before the task, from its journal alone: newest change first,
/// each reversed only if the file system still shows the task's result, so a person's later edits are never overwritten.
/// </summary>
/// <remarks>
/// Works for a task killed midway: a batch without a commit is checked against the file system (by inode for
/// moves, by content hash for writes). Each reversed change is recorded, so undo can itself be interrupted and run again.
/// </remarks>
public static class ChangeUndo
{
    /// <param name="onlyCall">Reverse only the changes this tool call made (resume rolls back a call a crash cut off).</param>
    public static IReadOnlyList<UndoStep> Run(
        string journalPath, bool dryRun, Action<UndoStep>? onStep = null, CancellationToken cancellationToken = default, string? onlyCall = null)
    {
        var contents = ChangeJournal.Read(journalPath);
        var batches = onlyCall is null ? null : contents.Intents.Where(i => i.Call == onlyCall).Select(i => i.Id).ToHashSet();
        var roots = new Dictionary<int, IFolderRoot>();
        var steps = new List<UndoStep>();
        using var journal = dryRun ? null : ChangeJournal.Open(journalPath, contents.Header.TaskId, contents.Header.Grants);
        try
        {
            if (!dryRun)
            {
                RemoveStrayTemporaries(contents, batches, roots);
            }

            foreach (var (id, index, change, happened) in contents.Changes().Reverse())
            {
                if (batches is not null && !batches.Contains(id))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var grant = contents.Header.Grants[change.Grant];
                UndoStep step;
                if (contents.Undone.Contains((id, index)))
                {
                    step = new UndoStep(change, UndoOutcome.AlreadyUndone, "reversed earlier", grant.Path);
                }
                else if (happened == false)
                {
                    step = new UndoStep(change, UndoOutcome.NotNeeded, "it did not happen", grant.Path);
                }
                else
                {
                    try
                    {
                        if (!roots.TryGetValue(change.Grant, out var root))
                        {
                            root = roots[change.Grant] = FolderRoot.Open(grant.Path);
                        }

                        var (outcome, detail) = Reverse(root, change, Trash.Folder(contents.Header.TaskId), dryRun);
                        step = new UndoStep(change, outcome, detail, grant.Path);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        step = new UndoStep(change, UndoOutcome.Failed, ex.Message, grant.Path);
                    }
                }

                if (journal is not null && step.Outcome is UndoOutcome.Reversed or UndoOutcome.NotNeeded)
                {
                    journal.MarkUndone(id, index);
                }

                steps.Add(step);
                onStep?.Invoke(step);
            }
        }
        finally
        {
            foreach (var root in roots.Values)
            {
                root.Dispose();
            }
        }

        return steps;
    }

    /// <summary>
    /// A write the process died in may have left its temporary file (<see cref="FolderRoot.TemporaryPrefix"/>) beside its
    /// target: a batch that never committed is looked for in the folders of its writes, and Cowork's own leftovers go.
    /// </summary>
    private static void RemoveStrayTemporaries(JournalContents contents, HashSet<long>? batches, Dictionary<int, IFolderRoot> roots)
    {
        var folders = contents.Intents
            .Where(i => !contents.Commits.ContainsKey(i.Id) && (batches is null || batches.Contains(i.Id)))
            .SelectMany(i => i.Changes)
            .Where(c => c.Kind is ChangeKind.Create or ChangeKind.Overwrite or ChangeKind.Copy)
            .Select(c => (c.Grant, Folder: c.Path.Parent))
            .Distinct();
        foreach (var (grant, folder) in folders)
        {
            try
            {
                if (!roots.TryGetValue(grant, out var root))
                {
                    root = roots[grant] = FolderRoot.Open(contents.Header.Grants[grant].Path);
                }

                foreach (var entry in root.List(folder))
                {
                    if (entry.Status.Kind == EntryKind.File && entry.Path.NameBytes.StartsWith(FolderRoot.TemporaryPrefix))
                    {
                        root.Remove(entry.Path);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The folder is gone or unreadable: there is nothing of ours left to tidy there.
            }
        }
    }

    private static (UndoOutcome, string) Reverse(IFolderRoot root, Change change, RelativePath trash, bool dryRun)
    {
        var act = dryRun ? UndoOutcome.WouldReverse : UndoOutcome.Reversed;
        switch (change.Kind)
        {
            case ChangeKind.MakeFolder:
            {
                var status = root.Stat(change.Path);
                if (status is null)
                {
                    return (UndoOutcome.NotNeeded, "the folder is gone already");
                }

                if (status.Kind != EntryKind.Directory)
                {
                    return (UndoOutcome.Conflict, "something else has its name now");
                }

                var entries = root.List(change.Path);
                if (entries.Count > 0 && !(dryRun && entries.All(e => e.Status.Kind == EntryKind.Directory)))
                {
                    return dryRun
                        ? (act, "remove the folder once the task's files are out of it")
                        : (UndoOutcome.Conflict, $"kept: it holds {entries.Count} entries added after the task");
                }

                if (!dryRun)
                {
                    root.Remove(change.Path);
                }

                return (act, "folder removed");
            }

            case ChangeKind.Move:
            {
                var from = change.From ?? throw new InvalidDataException("A move without a source.");
                var at = root.Stat(change.Path);
                var back = root.Stat(from);
                if (at is not null && (change.Inode is null || at.Inode == change.Inode))
                {
                    if (back is not null)
                    {
                        return (UndoOutcome.Conflict, $"kept at {change.Path}: something now has its old name {from}");
                    }

                    if (!dryRun)
                    {
                        root.Rename(change.Path, from);
                    }

                    return (act, $"moved back to {from}");
                }

                if (back is not null && (change.Inode is null || back.Inode == change.Inode))
                {
                    return (UndoOutcome.NotNeeded, "it is where it was");
                }

                return (UndoOutcome.Conflict, "it was moved or replaced after the task");
            }

            case ChangeKind.Create or ChangeKind.Copy:
            {
                var status = root.Stat(change.Path);
                if (status is null)
                {
                    return (UndoOutcome.NotNeeded, "it is gone already");
                }

                if (status.Kind != EntryKind.File || ContentHash.Of(root, change.Path) != change.NewHash)
                {
                    return (UndoOutcome.Conflict, "kept: it was changed after the task");
                }

                if (!dryRun)
                {
                    Trash.MoveIn(root, trash, change.Path, change.NewHash!);
                }

                return (act, "removed (kept in the trash)");
            }

            case ChangeKind.Overwrite:
            {
                var status = root.Stat(change.Path);
                var current = status is { Kind: EntryKind.File } ? ContentHash.Of(root, change.Path) : null;
                if (current == change.Blob)
                {
                    return (UndoOutcome.NotNeeded, "it holds its old content");
                }

                if (current is null || current != change.NewHash)
                {
                    return (UndoOutcome.Conflict, "kept: it was changed after the task");
                }

                if (!dryRun)
                {
                    Trash.Restore(root, trash, change.Blob!, change.Path, change.Modified, overwrite: true);
                }

                return (act, "old content restored");
            }

            case ChangeKind.Delete:
            {
                var status = root.Stat(change.Path);
                if (status is not null)
                {
                    return status.Kind == EntryKind.File && ContentHash.Of(root, change.Path) == change.Blob
                        ? (UndoOutcome.NotNeeded, "it is still there")
                        : (UndoOutcome.Conflict, "kept: another file has its name now");
                }

                if (root.Stat(trash.Append(change.Blob!)) is null)
                {
                    return (UndoOutcome.Failed, "its copy in the trash is missing");
                }

                if (!dryRun)
                {
                    Trash.Restore(root, trash, change.Blob!, change.Path, change.Modified, overwrite: false);
                }

                return (act, "restored from the trash");
            }

            default:
                return (UndoOutcome.Failed, $"unknown change {change.Kind}");
        }
    }
}
