namespace Cowork.Files;

/// <summary>Builds the <see cref="FolderRootException"/>s both roots throw, so their messages read the same.</summary>
internal static class FolderRootErrors
{
    /// <summary>"Cannot {action} '{path}': {why}."</summary>
    /// <param name="action">What was attempted, as a verb phrase that precedes the quoted path ("read", "rename 'a' to").</param>
    /// <param name="detail">Overrides the reason's standard wording (for <see cref="FolderRootReason.Other"/>, the system's message).</param>
    public static FolderRootException Create(
        FolderRootReason reason, string action, RelativePath path, string? detail = null, Exception? inner = null) =>
        Create(reason, action, path.ToString(), detail, inner);

    /// <inheritdoc cref="Create(FolderRootReason, string, RelativePath, string?, Exception?)"/>
    public static FolderRootException Create(
        FolderRootReason reason, string action, string displayPath, string? detail = null, Exception? inner = null) =>
        new(reason, $"Cannot {action} '{displayPath}': {detail ?? Describe(reason)}.", inner);

    public static string Describe(FolderRootReason reason) => reason switch
    {
        FolderRootReason.OutsideRoot => "the path leads outside the granted folder (through '..' or a symbolic link)",
        FolderRootReason.SymbolicLink => "the path is, or goes through, a symbolic link that is not allowed here (or a loop of links)",
        FolderRootReason.NotFound => "no such file or folder",
        FolderRootReason.Exists => "something with that name is already there",
        FolderRootReason.NotADirectory => "a part of the path is not a folder",
        FolderRootReason.IsADirectory => "it is a folder",
        FolderRootReason.SpecialFile => "it is a special file (a FIFO, socket or device), not a regular file",
        FolderRootReason.HardLinked => "the file has other hard links, and writing it would change them too",
        FolderRootReason.DirectoryNotEmpty => "the folder is not empty",
        FolderRootReason.PermissionDenied => "permission denied",
        FolderRootReason.NoSpace => "no space left on the device (or the disk quota is used up)",
        FolderRootReason.NameTooLong => "a name in the path is too long (at most 255 bytes per name), or the whole path is",
        FolderRootReason.ReadOnlyFileSystem => "the file system is read-only",
        _ => "the operation failed",
    };
}
