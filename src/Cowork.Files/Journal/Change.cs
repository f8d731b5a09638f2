namespace Cowork.Files;

/// <summary>One recorded mutation in one granted folder.</summary>
/// <param name="Grant">Index of the granted folder in the journal's header.</param>
/// <param name="Path">What was made, written or deleted, or where something was moved or copied to.</param>
/// <param name="From">The source of a move or copy.</param>
/// <param name="Blob">The trash blob (SHA-256 of the bytes) holding what a delete or overwrite removed.</param>
/// <param name="NewHash">SHA-256 of the bytes the task wrote (create, copy, overwrite): undo touches the file only if it still holds them.</param>
/// <param name="Modified">The modification time to restore (delete, overwrite).</param>
/// <param name="Inode">The moved entry's inode: undo moves it back only if the same file is still there.</param>
public sealed record Change(
    ChangeKind Kind,
    int Grant,
    RelativePath Path,
    RelativePath? From = null,
    string? Blob = null,
    string? NewHash = null,
    DateTimeOffset? Modified = null,
    ulong? Inode = null)
{
    public string Describe() => Kind switch
    {
        ChangeKind.MakeFolder => $"made folder {Path}",
        ChangeKind.Move => $"moved {From} -> {Path}",
        ChangeKind.Create => $"created {Path}",
        ChangeKind.Copy => $"copied {From} -> {Path}",
        ChangeKind.Overwrite => $"overwrote {Path}",
        ChangeKind.Delete => $"deleted {Path} (kept in the trash)",
        _ => $"{Kind} {Path}",
    };
}
