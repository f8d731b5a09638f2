namespace Cowork.Files;

/// <summary>
/// One granted folder, opened as a root that nothing can escape, in the manner of Go's <c>os.Root</c>: every
/// operation takes a <see cref="RelativePath"/> and is resolved beneath the root by the kernel (Linux:
/// <c>openat2</c> with <c>RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS</c> on the root's directory handle, changes through
/// the <c>*at</c> calls on the resolved parent) or, where that is missing, by a component-by-component
/// <c>O_NOFOLLOW</c> walk that refuses every symbolic link.
/// </summary>
/// <remarks>
/// <para>Symbolic links: intermediate links are followed only while they stay beneath the root (openat2) or refused
/// (fallback). A final link is never followed by <see cref="Stat"/>, <see cref="Rename"/> or <see cref="Remove"/> (they act
/// on the link itself); <see cref="OpenRead"/> and <see cref="WriteAtomic"/> refuse a final link; <see cref="List"/> and
/// <see cref="SyncDirectory"/> follow it like an intermediate one (or the fallback refuses it).</para>
/// <para>Errors: <see cref="FolderRootException"/> with a message fit for the model and the person, naming the path
/// relative to the root; <see cref="FolderRootException.Reason"/> says why (outside the root, not found, exists, …).</para>
/// <para>Thread-safe: the root holds only an open directory handle.</para>
/// </remarks>
public interface IFolderRoot : IDisposable
{
    /// <summary>The absolute path the root was opened at, for display.</summary>
    string RootPath { get; }

    /// <summary>The entry's status without following a final link; <see langword="null"/> when nothing is there (the entry, or a folder above it, is missing).</summary>
    /// <exception cref="FolderRootException">The path leads outside the root, goes through a refused link, or a part of it is not a folder.</exception>
    EntryStatus? Stat(RelativePath path);

    /// <summary>The entries of a folder, in no particular order, names as raw bytes.</summary>
    IReadOnlyList<DirectoryEntry> List(RelativePath folder);

    /// <summary>Opens a regular file for reading; FIFOs, devices, sockets and links are refused without blocking.</summary>
    Stream OpenRead(RelativePath path);

    /// <summary>Creates one folder; its parent must exist. Fails with <see cref="FolderRootReason.Exists"/> when something is there.</summary>
    void CreateDirectory(RelativePath path);

    /// <summary>Renames within the root, never replacing: fails with <see cref="FolderRootReason.Exists"/> when the target exists.</summary>
    void Rename(RelativePath from, RelativePath to);

    /// <summary>Removes a file, link or special file (not following a link), or an empty folder.</summary>
    void Remove(RelativePath path);

    /// <summary>
    /// Writes a regular file atomically: a temporary file in the same folder, written by <paramref name="write"/>, fsync,
    /// rename over the target (or beside it with no-replace when <paramref name="overwrite"/> is false), fsync of the folder.
    /// A crash leaves either the old file or the new one, never half of one. When <paramref name="write"/> throws, the
    /// temporary file is removed and the exception propagates (an <see cref="IOException"/> wrapped in a
    /// <see cref="FolderRootException"/>, with <see cref="FolderRootReason.NoSpace"/> when the disk is full).
    /// </summary>
    /// <exception cref="FolderRootException">The target exists and <paramref name="overwrite"/> is false; the target is not a regular file; it has more than one hard link.</exception>
    void WriteAtomic(RelativePath path, Action<Stream> write, bool overwrite);

    /// <summary>Sets a file's or folder's modification time (not following a final link).</summary>
    void SetModified(RelativePath path, DateTimeOffset modified);

    /// <summary>Flushes a folder's entries to disk (after renames into or out of it).</summary>
    void SyncDirectory(RelativePath folder);
}
