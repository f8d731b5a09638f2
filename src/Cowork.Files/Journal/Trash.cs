namespace Cowork.Files;

/// <summary>
/// A task's trash inside a granted folder (<c>.cowork-trash/&lt;task&gt;/</c>, so on the same file system): deleted and
/// overwritten contents, each under the SHA-256 of its bytes, kept for undo.
/// </summary>
internal static class Trash
{
    public static RelativePath Folder(string taskId) => RelativePath.Parse($"{Workspace.TrashFolderName}/{taskId}");

    /// <summary>Moves a file in under <paramref name="hash"/>; when identical bytes are there already, the file is just removed.</summary>
    public static void MoveIn(IFolderRoot root, RelativePath trash, RelativePath path, string hash)
    {
        Ensure(root, trash);
        try
        {
            root.Rename(path, trash.Append(hash));
        }
        catch (FolderRootException ex) when (ex.Reason == FolderRootReason.Exists)
        {
            root.Remove(path);
        }
    }

    /// <summary>Copies a file's bytes in (the file stays); returns the blob name.</summary>
    public static string CopyIn(IFolderRoot root, RelativePath trash, RelativePath path)
    {
        var blob = ContentHash.Of(root, path);
        Ensure(root, trash);
        var target = trash.Append(blob);
        if (root.Stat(target) is null)
        {
            using var input = root.OpenRead(path);
            root.WriteAtomic(target, input.CopyTo, overwrite: false);
        }

        return blob;
    }

    /// <summary>Writes a blob back to <paramref name="path"/> with its old modification time.</summary>
    public static void Restore(IFolderRoot root, RelativePath trash, string blob, RelativePath path, DateTimeOffset? modified, bool overwrite)
    {
        using (var input = root.OpenRead(trash.Append(blob)))
        {
            root.WriteAtomic(path, input.CopyTo, overwrite);
        }

        if (modified is { } time)
        {
            root.SetModified(path, time);
        }
    }

    public static void Ensure(IFolderRoot root, RelativePath trash)
    {
        foreach (var folder in new[] { trash.Parent, trash })
        {
            try
            {
                root.CreateDirectory(folder);
            }
            catch (FolderRootException ex) when (ex.Reason == FolderRootReason.Exists)
            {
            }
        }
    }
}
