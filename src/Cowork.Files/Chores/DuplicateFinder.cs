namespace Cowork.Files;

/// <summary>Finds files with identical content: by size first, then by SHA-256 of the candidates only.</summary>
public static class DuplicateFinder
{
    /// <param name="skip">A folder not to look into (where duplicates are moved to).</param>
    public static IReadOnlyList<DuplicateGroup> Find(IFolderRoot root, RelativePath folder, bool recursive, RelativePath? skip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        var files = new List<(RelativePath Path, EntryStatus Status)>();
        var pending = new Stack<RelativePath>([folder]);
        while (pending.TryPop(out var current))
        {
            foreach (var entry in root.List(current))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.Status.Kind == EntryKind.Directory)
                {
                    if (recursive && !Workspace.IsInTrash(entry.Path) && (skip is null || !entry.Path.Equals(skip)))
                    {
                        pending.Push(entry.Path);
                    }
                }
                else if (entry.Status.Kind == EntryKind.File && entry.Status.Size > 0)
                {
                    files.Add((entry.Path, entry.Status));
                }
            }
        }

        var groups = new List<DuplicateGroup>();
        foreach (var sameSize in files.GroupBy(f => f.Status.Size).Where(g => g.Count() > 1))
        {
            var byHash = new Dictionary<string, List<(RelativePath Path, EntryStatus Status)>>(StringComparer.Ordinal);
            foreach (var file in sameSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string hash;
                try
                {
                    hash = ContentHash.Of(root, file.Path);
                }
                catch (FolderRootException)
                {
                    continue; // Vanished or unreadable: not a duplicate we can vouch for.
                }

                (byHash.TryGetValue(hash, out var list) ? list : byHash[hash] = []).Add(file);
            }

            foreach (var (hash, same) in byHash.Where(p => p.Value.Count > 1))
            {
                var ordered = same.OrderBy(f => f.Status.Modified).ThenBy(f => f.Path.Components.Count)
                    .ThenBy(f => f.Path.NameBytes.Length).ThenBy(f => f.Path.ToString(), StringComparer.Ordinal).ToList();
                groups.Add(new DuplicateGroup(hash, sameSize.Key, ordered[0].Path, [.. ordered.Skip(1).Select(f => f.Path)]));
            }
        }

        return [.. groups.OrderByDescending(g => g.Size * g.Copies.Count)];
    }
}
