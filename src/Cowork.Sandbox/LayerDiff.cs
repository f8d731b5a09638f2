namespace Cowork.Sandbox;

/// <summary>
/// What code changed in a read-write grant, read from the upper layer of the overlay it ran on.
/// </summary>
/// <remarks>
/// <para>Why an overlay, and not a snapshot of the grant before the run and a diff after: code changes files in
/// place (Python's <c>open(p, "w")</c> truncates the same inode), so a snapshot must hold the old bytes of every
/// file that might change, which means copying the whole grant before every run. With the overlay the grant is
/// never written by the code at all: everything it writes, copies up or deletes lands in the upper layer (a
/// folder of the task), the old bytes stay where they are, and the cost is proportional to what the code changed,
/// not to the size of the folder. Cowork then carries the upper layer over through the change journal, like any
/// other tool's changes, so <c>cowork changes</c> lists them and <c>cowork undo</c> reverses them. A run that is
/// stopped (time, disk, output) or cancelled applies nothing.</para>
/// <para>Upper layer grammar: a file is new or copied up (compared with the grant, so a file only opened for
/// writing is not a change); a character device 0/0 is a whiteout (the grant's entry was deleted); a folder with
/// <c>user.overlay.opaque=y</c> replaced the grant's folder of that name. A file deleted in one place and written
/// with the same bytes in another is reported as a move (overlays cannot rename a lower folder in place: <c>mv</c>
/// copies, and the journal records the files' moves). Links, FIFOs, sockets and devices are refused.</para>
/// </remarks>
internal sealed class LayerDiff
{
    private readonly IFolderRoot _lower;
    private readonly IFolderRoot _upper;
    private readonly string _upperPath;
    private readonly List<LayerChange> _changes = [];

    private LayerDiff(IFolderRoot lower, IFolderRoot upper, string upperPath)
    {
        _lower = lower;
        _upper = upper;
        _upperPath = upperPath;
    }

    /// <summary>The changes in <paramref name="upperPath"/> over <paramref name="lower"/>, deletions first, then moves, folders and files.</summary>
    public static IReadOnlyList<LayerChange> Compute(IFolderRoot lower, IFolderRoot upper, string upperPath)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        var diff = new LayerDiff(lower, upper, upperPath);
        diff.Walk(RelativePath.Root, lowerIsFolder: true);
        return diff.WithMoves();
    }

    private void Walk(RelativePath folder, bool lowerIsFolder)
    {
        var entries = _upper.List(folder).OrderBy(e => e.Path.ToString(), StringComparer.Ordinal).ToList();
        if (lowerIsFolder && !folder.IsRoot && LayerNative.IsOpaque(_upperPath, folder))
        {
            var kept = entries.Select(e => e.Path).ToHashSet();
            foreach (var hidden in _lower.List(folder).Where(e => !kept.Contains(e.Path)).OrderBy(e => e.Path.ToString(), StringComparer.Ordinal))
            {
                Remove(hidden.Path, hidden.Status);
            }
        }

        foreach (var entry in entries)
        {
            var path = entry.Path;
            var lower = lowerIsFolder ? _lower.Stat(path) : null;
            switch (entry.Status.Kind)
            {
                case EntryKind.Special when LayerNative.IsWhiteout(_upperPath, path):
                    if (lower is not null)
                    {
                        Remove(path, lower);
                    }

                    break;
                case EntryKind.Special or EntryKind.SymbolicLink:
                    Refuse(path, entry.Status.Kind == EntryKind.SymbolicLink ? "a symbolic link" : "a FIFO, socket or device");
                    break;
                case EntryKind.File when lower is null:
                    _changes.Add(new LayerChange(LayerChangeKind.Created, path));
                    break;
                case EntryKind.File when lower.Kind == EntryKind.File:
                    if (!SameContent(path, entry.Status, lower))
                    {
                        _changes.Add(new LayerChange(LayerChangeKind.Modified, path));
                    }

                    break;
                case EntryKind.File when lower.Kind == EntryKind.Directory:
                    Remove(path, lower);
                    _changes.Add(new LayerChange(LayerChangeKind.Created, path));
                    break;
                case EntryKind.Directory when lower is null:
                    _changes.Add(new LayerChange(LayerChangeKind.FolderCreated, path));
                    Walk(path, lowerIsFolder: false);
                    break;
                case EntryKind.Directory when lower.Kind == EntryKind.Directory:
                    Walk(path, lowerIsFolder: true);
                    break;
                case EntryKind.Directory when lower.Kind == EntryKind.File:
                    Remove(path, lower);
                    _changes.Add(new LayerChange(LayerChangeKind.FolderCreated, path));
                    Walk(path, lowerIsFolder: false);
                    break;
                default:
                    Refuse(path, "in place of a link or special file, which Cowork does not replace");
                    break;
            }
        }
    }

    /// <summary>A deleted entry: files one by one (each kept in the trash); folders stay, emptied, since the journal cannot remove one.</summary>
    private void Remove(RelativePath path, EntryStatus status)
    {
        switch (status.Kind)
        {
            case EntryKind.File:
                _changes.Add(new LayerChange(LayerChangeKind.Deleted, path));
                break;
            case EntryKind.Directory:
                foreach (var child in _lower.List(path).OrderBy(e => e.Path.ToString(), StringComparer.Ordinal))
                {
                    Remove(child.Path, child.Status);
                }

                break;
            default:
                Refuse(path, "a link or special file the code removed; Cowork leaves it");
                break;
        }
    }

    private void Refuse(RelativePath path, string why) => _changes.Add(new LayerChange(LayerChangeKind.Refused, path, Why: why));

    private bool SameContent(RelativePath path, EntryStatus upper, EntryStatus lower)
    {
        if (upper.Size != lower.Size)
        {
            return false;
        }

        using var a = _upper.OpenRead(path);
        using var b = _lower.OpenRead(path);
        return StreamsEqual(a, b);
    }

    /// <summary>Pairs each deletion with a creation of the same bytes, largest files first, as a move.</summary>
    private List<LayerChange> WithMoves()
    {
        var deleted = _changes.Where(c => c.Kind == LayerChangeKind.Deleted).ToList();
        var created = _changes.Where(c => c.Kind == LayerChangeKind.Created).ToList();
        var moves = new List<LayerChange>();
        var paired = new HashSet<LayerChange>(ReferenceEqualityComparer.Instance);
        if (deleted.Count > 0 && created.Count > 0)
        {
            var deletedBySize = deleted.GroupBy(d => _lower.Stat(d.Path)!.Size).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var creation in created)
            {
                var size = _upper.Stat(creation.Path)!.Size;
                if (!deletedBySize.TryGetValue(size, out var candidates))
                {
                    continue;
                }

                var match = candidates.FirstOrDefault(d => !paired.Contains(d) && SameBytes(creation.Path, d.Path));
                if (match is not null)
                {
                    paired.Add(match);
                    paired.Add(creation);
                    moves.Add(new LayerChange(LayerChangeKind.Moved, creation.Path, From: match.Path));
                }
            }
        }

        int Order(LayerChange c) => c.Kind switch
        {
            LayerChangeKind.Deleted => 0,
            LayerChangeKind.Moved => 1,
            LayerChangeKind.FolderCreated => 2,
            LayerChangeKind.Refused => 4,
            _ => 3,
        };

        return [.. _changes.Where(c => !paired.Contains(c)).Concat(moves).OrderBy(Order)];
    }

    private bool SameBytes(RelativePath upperPath, RelativePath lowerPath)
    {
        using var a = _upper.OpenRead(upperPath);
        using var b = _lower.OpenRead(lowerPath);
        return StreamsEqual(a, b);
    }

    private static bool StreamsEqual(Stream a, Stream b)
    {
        var x = new byte[81920];
        var y = new byte[81920];
        while (true)
        {
            var n = a.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            var m = b.ReadAtLeast(y, y.Length, throwOnEndOfStream: false);
            if (n != m || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, m)))
            {
                return false;
            }

            if (n == 0)
            {
                return true;
            }
        }
    }
}
