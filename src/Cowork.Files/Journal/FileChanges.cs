using System.Text;

namespace Cowork.Files;

/// <summary>
/// Every change to a task's granted folders: journaled before it happens (so <c>cowork undo</c> can reverse it,
/// even after a crash), carried out through the folder roots, and reported as <see cref="FileChanged"/> events.
/// Nothing is destroyed: deleted and overwritten contents go to the grant's trash, content-addressed.
/// </summary>
/// <remarks>Thread-safe for calls on different paths; one job should not race itself on the same path.</remarks>
public sealed class FileChanges : IDisposable
{
    /// <summary>Moves per journal batch: one fsync of the journal each.</summary>
    internal const int BatchSize = 1000;

    private readonly Workspace _workspace;
    private readonly string _journalPath;
    private readonly string _taskId;
    private readonly Action<FileChanged> _onChange;
    private readonly Lazy<ChangeJournal> _journal;
    private readonly RelativePath _trash;

    public FileChanges(Workspace workspace, string journalPath, string taskId, Action<FileChanged>? onChange = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        _workspace = workspace;
        _journalPath = journalPath;
        _taskId = taskId;
        _onChange = onChange ?? (_ => { });
        _trash = Trash.Folder(taskId);
        _journal = new(() => ChangeJournal.Open(_journalPath, _taskId, _workspace.Grants), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Makes a folder and any missing parents.</summary>
    public void MakeFolders(ResolvedPath folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _workspace.CheckWritable(folder);
        var root = _workspace.Root(folder);
        var missing = MissingFolders(root, folder.Path, new HashSet<RelativePath>());
        if (missing.Count == 0)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var changes = missing.Select(p => new Change(ChangeKind.MakeFolder, folder.GrantIndex, p)).ToList();
        var id = _journal.Value.Intend(changes);
        var failed = new List<int>();
        for (var i = 0; i < missing.Count; i++)
        {
            try
            {
                root.CreateDirectory(missing[i]);
                _onChange(new FileChanged(FileChangeKind.FolderCreated, folder.With(missing[i]).FullPath, null));
            }
            catch (FolderRootException)
            {
                failed.Add(i);
                _journal.Value.Commit(id, failed);
                throw;
            }
        }

        _journal.Value.Commit(id, failed);
    }

    /// <summary>
    /// Moves many entries, a journal batch at a time, never overwriting. A failure for one entry is reported in its
    /// outcome and does not stop the others.
    /// </summary>
    public IReadOnlyList<MoveOutcome> MoveMany(IReadOnlyList<MoveRequest> moves, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var outcomes = new List<MoveOutcome>(moves.Count);
        foreach (var batch in moves.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.AddRange(MoveBatch(batch));
        }

        return outcomes;
    }

    /// <summary>Moves or renames one entry; fails rather than overwrite.</summary>
    public ResolvedPath Move(ResolvedPath from, ResolvedPath to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.GrantIndex != to.GrantIndex)
        {
            throw new ToolException($"{from.FullPath} and {to.FullPath} are in different granted folders; copy, then delete, instead.");
        }

        if (to.Path.IsRoot || to.Path.IsWithin(from.Path))
        {
            throw new ToolException($"Cannot move {from.FullPath} into itself.");
        }

        var outcome = MoveMany([new MoveRequest(from, to.Path.Parent, to.Path.NameBytes.ToArray())])[0];
        if (outcome.Destination is null)
        {
            throw new ToolException(outcome.Error ?? $"{from.FullPath} was not moved.");
        }

        if (!outcome.Destination.Path.Equals(to.Path))
        {
            throw new InvalidOperationException("A single move must not be renamed to avoid a collision.");
        }

        return outcome.Destination;
    }

    /// <summary>Writes a file atomically; an existing file's old bytes go to the trash first.</summary>
    /// <exception cref="ToolException">It exists and <paramref name="overwrite"/> is false, or it is not a regular file.</exception>
    public void Write(ResolvedPath path, ReadOnlyMemory<byte> content, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        var existing = CheckWriteTarget(path, overwrite);
        var root = _workspace.Root(path);
        Write(path, existing, ContentHash.Of(content.Span), () => root.WriteAtomic(path.Path, s => s.Write(content.Span), overwrite: existing is not null));
    }

    /// <summary>
    /// Writes a file whose content is produced as a stream, in bounded memory whatever its size: the content is staged
    /// in the task's trash (the same file system) and hashed there, then journaled as <see cref="Write(ResolvedPath, ReadOnlyMemory{byte}, bool)"/>
    /// is: a new file is the staged one renamed into place, a replaced one is written over atomically from it.
    /// </summary>
    /// <exception cref="ToolException">It exists and <paramref name="overwrite"/> is false, or it is not a regular file; or <paramref name="produce"/> throws it.</exception>
    public void Write(ResolvedPath path, Action<Stream> produce, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(produce);
        var existing = CheckWriteTarget(path, overwrite);
        var root = _workspace.Root(path);
        Trash.Ensure(root, _trash);
        var staged = _trash.Append($"{Encoding.ASCII.GetString(FolderRoot.TemporaryPrefix)}staged-{Guid.NewGuid():N}");
        root.WriteAtomic(staged, produce, overwrite: false);
        try
        {
            Write(path, existing, ContentHash.Of(root, staged), existing is null
                ? () => root.Rename(staged, path.Path)
                : () =>
                {
                    using var input = root.OpenRead(staged);
                    root.WriteAtomic(path.Path, input.CopyTo, overwrite: true);
                });
        }
        finally
        {
            if (root.Stat(staged) is not null)
            {
                root.Remove(staged);
            }
        }
    }

    private EntryStatus? CheckWriteTarget(ResolvedPath path, bool overwrite)
    {
        _workspace.CheckWritable(path);
        var existing = _workspace.Root(path).Stat(path.Path);
        if (existing is not null && !overwrite)
        {
            throw new ToolException($"{path.FullPath} already exists; pass overwrite to replace it (its old content is kept for undo).");
        }

        if (existing is { Kind: not EntryKind.File })
        {
            throw new ToolException($"{path.FullPath} is a {Describe(existing.Kind)}, not a file; it cannot be overwritten.");
        }

        if (existing is { LinkCount: > 1 })
        {
            throw new ToolException($"{path.FullPath} has {existing.LinkCount} hard links; writing it would change the other names too, so Cowork does not.");
        }

        return existing;
    }

    /// <summary>Journals the create or overwrite, with the old content in the trash first, and carries it out with <paramref name="put"/>.</summary>
    private void Write(ResolvedPath path, EntryStatus? existing, string newHash, Action put)
    {
        var root = _workspace.Root(path);
        MakeFolders(path.With(path.Path.Parent));
        Change change;
        if (existing is null)
        {
            change = new Change(ChangeKind.Create, path.GrantIndex, path.Path, NewHash: newHash);
        }
        else
        {
            var blob = Trash.CopyIn(root, _trash, path.Path);
            change = new Change(ChangeKind.Overwrite, path.GrantIndex, path.Path, Blob: blob, NewHash: newHash, Modified: existing.Modified);
        }

        Apply(change, put);
        _onChange(new FileChanged(existing is null ? FileChangeKind.Created : FileChangeKind.Modified, path.FullPath, null));
    }

    /// <summary>Copies a file to a new name (never over an existing one).</summary>
    public void Copy(ResolvedPath from, ResolvedPath to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        _workspace.CheckWritable(to);
        var source = _workspace.Root(from);
        var target = _workspace.Root(to);
        if (target.Stat(to.Path) is not null)
        {
            throw new ToolException($"{to.FullPath} already exists; choose another name.");
        }

        var hash = ContentHash.Of(source, from.Path);
        MakeFolders(to.With(to.Path.Parent));
        var change = new Change(ChangeKind.Copy, to.GrantIndex, to.Path, From: from.Path, NewHash: hash);
        Apply(change, () =>
        {
            using var input = source.OpenRead(from.Path);
            target.WriteAtomic(to.Path, input.CopyTo, overwrite: false);
        });
        _onChange(new FileChanged(FileChangeKind.Copied, to.FullPath, from.FullPath));
    }

    /// <summary>Deletes a file, which moves it to the trash; undo brings it back.</summary>
    public void Delete(ResolvedPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _workspace.CheckWritable(path);
        var root = _workspace.Root(path);
        var status = root.Stat(path.Path) ?? throw new ToolException($"{path.FullPath} does not exist.");
        if (status.Kind == EntryKind.Directory)
        {
            throw new ToolException($"{path.FullPath} is a folder; delete the files in it one by one (each is kept for undo).");
        }

        if (status.Kind != EntryKind.File)
        {
            throw new ToolException($"{path.FullPath} is a {Describe(status.Kind)}; Cowork only deletes regular files.");
        }

        var blob = ContentHash.Of(root, path.Path);
        var change = new Change(ChangeKind.Delete, path.GrantIndex, path.Path, Blob: blob, Modified: status.Modified);
        Apply(change, () => Trash.MoveIn(root, _trash, path.Path, blob));
        _onChange(new FileChanged(FileChangeKind.Deleted, path.FullPath, null));
    }

    public void Dispose()
    {
        if (_journal.IsValueCreated)
        {
            _journal.Value.Dispose();
        }
    }

    private IReadOnlyList<MoveOutcome> MoveBatch(IReadOnlyList<MoveRequest> batch)
    {
        // Plan: a free name for each move (taking the batch's own choices into account), the folders to make.
        var planned = new List<(MoveRequest Request, ResolvedPath Target, EntryStatus Status)>();
        var outcomes = new MoveOutcome?[batch.Count];
        var taken = new HashSet<(int, RelativePath)>();
        var folders = new List<(int Grant, RelativePath Folder)>();
        var folderSet = new HashSet<(int, RelativePath)>();
        var indexOf = new Dictionary<MoveRequest, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            indexOf[request] = i;
            try
            {
                _workspace.CheckWritable(request.From);
                var root = _workspace.Root(request.From);
                var status = root.Stat(request.From.Path) ?? throw new ToolException($"{request.From.FullPath} does not exist.");
                foreach (var folder in MissingFolders(root, request.ToFolder, folderSet.Where(f => f.Item1 == request.From.GrantIndex).Select(f => f.Item2).ToHashSet()))
                {
                    if (folderSet.Add((request.From.GrantIndex, folder)))
                    {
                        folders.Add((request.From.GrantIndex, folder));
                    }
                }

                var target = FreeName(root, request.From.GrantIndex, request.ToFolder, request.Name, taken, folderSet);
                var resolvedTarget = request.From.With(target);
                _workspace.CheckWritable(resolvedTarget);
                planned.Add((request, resolvedTarget, status));
            }
            catch (Exception ex) when (ex is ToolException or FolderRootException)
            {
                outcomes[i] = new MoveOutcome(request, null, ex.Message);
            }
        }

        if (planned.Count == 0)
        {
            return outcomes.Select(o => o!).ToList();
        }

        var changes = folders.Select(f => new Change(ChangeKind.MakeFolder, f.Grant, f.Folder))
            .Concat(planned.Select(p => new Change(ChangeKind.Move, p.Target.GrantIndex, p.Target.Path, From: p.Request.From.Path, Inode: p.Status.Inode)))
            .ToList();
        var id = _journal.Value.Intend(changes);
        var failed = new List<int>();
        var touched = new HashSet<(int, RelativePath)>();
        for (var f = 0; f < folders.Count; f++)
        {
            try
            {
                _workspace.Root(folders[f].Grant).CreateDirectory(folders[f].Folder);
                _onChange(new FileChanged(FileChangeKind.FolderCreated, folders[f].Folder.ToHostPath(_workspace.Grants[folders[f].Grant].Path), null));
            }
            catch (FolderRootException ex) when (ex.Reason == FolderRootReason.Exists)
            {
                failed.Add(f); // Someone made it meanwhile: not ours to remove on undo.
            }
            catch (FolderRootException)
            {
                failed.Add(f);
            }
        }

        for (var m = 0; m < planned.Count; m++)
        {
            var (request, target, _) = planned[m];
            try
            {
                _workspace.Root(target).Rename(request.From.Path, target.Path);
                touched.Add((target.GrantIndex, request.From.Path.Parent));
                touched.Add((target.GrantIndex, target.Path.Parent));
                outcomes[indexOf[request]] = new MoveOutcome(request, target, null);
                _onChange(new FileChanged(FileChangeKind.Moved, target.FullPath, request.From.FullPath));
            }
            catch (FolderRootException ex)
            {
                failed.Add(folders.Count + m);
                outcomes[indexOf[request]] = new MoveOutcome(request, null, ex.Message);
            }
        }

        foreach (var (grant, folder) in touched)
        {
            try
            {
                _workspace.Root(grant).SyncDirectory(folder);
            }
            catch (FolderRootException)
            {
                // Durability is best effort here: the journal's intent already lets undo find each file.
            }
        }

        _journal.Value.Commit(id, failed);
        return outcomes.Select(o => o!).ToList();
    }

    /// <summary>The name in <paramref name="folder"/> for <paramref name="name"/> that nothing uses, adding " (n)" before the extension.</summary>
    private static RelativePath FreeName(IFolderRoot root, int grant, RelativePath folder, byte[] name, HashSet<(int, RelativePath)> taken, HashSet<(int, RelativePath)> newFolders)
    {
        var dot = Array.LastIndexOf(name, (byte)'.');
        if (dot <= 0)
        {
            dot = name.Length;
        }

        for (var n = 1; ; n++)
        {
            var candidateName = n == 1 ? name : [.. name[..dot], .. Encoding.UTF8.GetBytes($" ({n})"), .. name[dot..]];
            var candidate = folder.Append(candidateName);
            var folderIsNew = newFolders.Contains((grant, folder));
            if (!taken.Contains((grant, candidate)) && (folderIsNew || root.Stat(candidate) is null))
            {
                taken.Add((grant, candidate));
                return candidate;
            }
        }
    }

    /// <summary>The folders from the top down that must be made for <paramref name="folder"/> to exist.</summary>
    private static List<RelativePath> MissingFolders(IFolderRoot root, RelativePath folder, IReadOnlySet<RelativePath> alreadyPlanned)
    {
        var missing = new List<RelativePath>();
        for (var current = folder; !current.IsRoot; current = current.Parent)
        {
            if (alreadyPlanned.Contains(current))
            {
                break;
            }

            var status = root.Stat(current);
            if (status is null)
            {
                missing.Add(current);
                continue;
            }

            if (status.Kind != EntryKind.Directory)
            {
                throw new ToolException($"{current} is a {Describe(status.Kind)}, not a folder.");
            }

            break;
        }

        missing.Reverse();
        return missing;
    }

    private void Apply(Change change, Action act)
    {
        var id = _journal.Value.Intend([change]);
        try
        {
            act();
        }
        catch
        {
            _journal.Value.Commit(id, [0]);
            throw;
        }

        _journal.Value.Commit(id, []);
    }

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Directory => "folder",
        EntryKind.SymbolicLink => "symbolic link",
        EntryKind.Special => "special file (FIFO, socket or device)",
        _ => "file",
    };
}
