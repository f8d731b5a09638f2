namespace Cowork.Files;

/// <summary>Why a folder-root operation was refused or failed.</summary>
public enum FolderRootReason
{
    /// <summary>The path would leave the root (through "..", an absolute link, a link that points outside).</summary>
    OutsideRoot,

    /// <summary>A symbolic link where none may be (the fallback walk, or a final link on read or write).</summary>
    SymbolicLink,

    NotFound,
    Exists,
    NotADirectory,
    IsADirectory,

    /// <summary>A FIFO, socket or device where a regular file was needed.</summary>
    SpecialFile,

    /// <summary>A file with more than one hard link: writing it would change the other names too.</summary>
    HardLinked,

    DirectoryNotEmpty,
    PermissionDenied,
    NoSpace,
    NameTooLong,
    ReadOnlyFileSystem,
    Other,
}
