namespace Cowork.Files;

/// <summary>What a directory entry is, as the file system says (never following a final symbolic link).</summary>
public enum EntryKind
{
    File,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket, or character or block device: never opened, moved only by explicit rename.</summary>
    Special,
}
