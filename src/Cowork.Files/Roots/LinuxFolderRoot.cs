using System.Buffers;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using static Cowork.Files.LinuxSyscalls;

namespace Cowork.Files;

/// <summary>
/// The Linux folder root: a directory descriptor opened with <c>O_PATH</c>, every path resolved by the kernel with
/// <c>openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)</c>, every change made by an <c>*at</c> call on the resolved
/// parent's descriptor with a single-component name.
/// </summary>
/// <remarks>
/// <para>The kernel refuses, atomically with the lookup, any "..", absolute link or link chain that would leave the
/// root (<c>EXDEV</c>), so a folder swapped for a link between two calls cannot redirect a change outside. Links in
/// intermediate components are followed while they stay beneath the root. A final link is acted on itself by
/// <see cref="Stat"/>, <see cref="Rename"/>, <see cref="Remove"/>, <see cref="SetModified"/> and
/// <see cref="CreateDirectory"/>; <see cref="OpenRead"/> and <see cref="WriteAtomic"/> refuse it;
/// <see cref="List"/> and <see cref="SyncDirectory"/> follow it while it stays beneath the root.</para>
/// <para>Needs Linux 5.6 (openat2) on x86-64, arm64, riscv64 or loongarch64; <see cref="FolderRoot.Open(string)"/> falls back to
/// <see cref="PortableFolderRoot"/> elsewhere.</para>
/// </remarks>
internal sealed unsafe class LinuxFolderRoot : IFolderRoot
{
    private const ulong Resolve = ResolveBeneath | ResolveNoMagicLinks;
    private const int MaxRetries = 64;
    private const uint DirectoryMode = 0x1FF; // 0777, less the umask
    private const uint FileMode = 0x1B6; // 0666, less the umask
    private const int FDupfdCloexec = 1030;

    private static readonly byte[] EmptyZ = [0];
    private static readonly byte[] DotZ = [(byte)'.', 0];

    // 0: not probed yet; 1: openat2 works; -1: the kernel (or a seccomp filter) refuses it.
    private static int s_support;

    private readonly FileDescriptorHandle _root;

    private LinuxFolderRoot(string rootPath, FileDescriptorHandle root)
    {
        RootPath = rootPath;
        _root = root;
    }

    public string RootPath { get; }

    /// <summary>Whether openat2 roots work on this machine (probed once, on the file system root, then cached).</summary>
    internal static bool IsAvailable
    {
        get
        {
            if (!IsSupportedPlatform)
            {
                return false;
            }

            if (Volatile.Read(ref s_support) == 0)
            {
                try
                {
                    TryOpen("/")?.Dispose();
                }
                catch (FolderRootException)
                {
                    return false;
                }
            }

            return Volatile.Read(ref s_support) > 0;
        }
    }

    /// <summary>Opens the root, or returns <see langword="null"/> when the kernel has no usable openat2.</summary>
    /// <exception cref="FolderRootException">The folder does not exist, is not a folder, or cannot be opened.</exception>
    internal static LinuxFolderRoot? TryOpen(string rootPath)
    {
        if (!IsSupportedPlatform || Volatile.Read(ref s_support) < 0)
        {
            return null;
        }

        int fd;
        fixed (byte* path = Z(Encoding.UTF8.GetBytes(rootPath)))
        {
            fd = Open(path, OPath | ODirectory | OCloexec);
        }

        if (fd < 0)
        {
            var errno = Errno;
            var reason = ReasonFor(errno);
            throw FolderRootErrors.Create(
                reason, "open the folder", rootPath, reason == FolderRootReason.Other ? Message(errno) : null, new Win32Exception(errno));
        }

        var handle = new FileDescriptorHandle(fd);
        if (Volatile.Read(ref s_support) == 0)
        {
            var probe = Openat2(fd, DotZ, OPath | ODirectory | OCloexec, 0, out var errno);
            if (probe >= 0)
            {
                _ = Close(probe);
                Volatile.Write(ref s_support, 1);
            }
            else if (errno is ENOSYS or EPERM or EINVAL or E2BIG)
            {
                Volatile.Write(ref s_support, -1);
                handle.Dispose();
                return null;
            }
        }

        return new LinuxFolderRoot(rootPath, handle);
    }

    public EntryStatus? Stat(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "inspect";
        var root = AcquireRoot();
        try
        {
            StatxBuffer status;
            if (path.IsRoot)
            {
                fixed (byte* empty = EmptyZ)
                {
                    if (Statx(root, empty, AtEmptyPath | AtNoAutomount, &status) != 0)
                    {
                        throw Fail(Errno, Action, path);
                    }
                }

                return status.ToEntryStatus();
            }

            var parent = Openat2(root, Z(path.Parent), OPath | ODirectory | OCloexec, 0, out var errno);
            if (parent < 0)
            {
                return errno == ENOENT ? null : throw Fail(errno, Action, path);
            }

            try
            {
                fixed (byte* name = NameZ(path))
                {
                    if (Statx(parent, name, AtSymlinkNofollow | AtNoAutomount, &status) == 0)
                    {
                        return status.ToEntryStatus();
                    }
                }

                errno = Errno;
                return errno == ENOENT ? null : throw Fail(errno, Action, path);
            }
            finally
            {
                _ = Close(parent);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public IReadOnlyList<DirectoryEntry> List(RelativePath folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        const string Action = "list";
        var root = AcquireRoot();
        try
        {
            var fd = Openat2(root, Z(folder), ORdonly | ODirectory | OCloexec, 0, out var errno);
            if (fd < 0)
            {
                throw Fail(errno, Action, folder);
            }

            var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
            try
            {
                var entries = new List<DirectoryEntry>();
                fixed (byte* start = buffer)
                {
                    while (true)
                    {
                        var read = Getdents64(fd, start, buffer.Length);
                        if (read < 0)
                        {
                            errno = Errno;
                            if (errno == EINTR)
                            {
                                continue;
                            }

                            throw Fail(errno, Action, folder);
                        }

                        if (read == 0)
                        {
                            break;
                        }

                        // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                        for (nint offset = 0; offset < read;)
                        {
                            var record = start + offset;
                            offset += *(ushort*)(record + 16);
                            var namePointer = record + 19;
                            var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(namePointer);
                            if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                            {
                                continue;
                            }

                            StatxBuffer status;
                            if (Statx(fd, namePointer, AtSymlinkNofollow | AtNoAutomount, &status) != 0)
                            {
                                errno = Errno;
                                if (errno == ENOENT)
                                {
                                    continue; // removed while we listed
                                }

                                throw Fail(errno, Action, folder.Append(name));
                            }

                            entries.Add(new DirectoryEntry(folder.Append(name), status.ToEntryStatus()));
                        }
                    }
                }

                return entries;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                _ = Close(fd);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public Stream OpenRead(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "read";
        if (path.IsRoot)
        {
            throw FolderRootErrors.Create(FolderRootReason.IsADirectory, Action, path);
        }

        var root = AcquireRoot();
        try
        {
            // Look before opening: a device or FIFO is refused without ever being opened (opening a device can have
            // effects of its own). O_PATH | O_NOFOLLOW yields the final link itself rather than following it.
            RefuseUnlessRegular(root, path, Action);

            // The entry may have been swapped since: open it without blocking (O_NONBLOCK: a FIFO does not wait for a
            // writer), without following a final link (O_NOFOLLOW: ELOOP), and check again what was opened.
            var fd = Openat2(root, Z(path), ORdonly | ONonblock | ONofollow | OCloexec | ONoctty, 0, out var errno);
            if (fd < 0)
            {
                throw Fail(errno, Action, path);
            }

            try
            {
                var status = FileStatus(fd, Action, path);
                if (status.Type != SIfreg)
                {
                    throw FolderRootErrors.Create(
                        status.Type == SIfdir ? FolderRootReason.IsADirectory : FolderRootReason.SpecialFile, Action, path);
                }

                var flags = Fcntl(fd, FGetfl, 0);
                if (flags < 0 || Fcntl(fd, FSetfl, flags & ~ONonblock) < 0)
                {
                    throw Fail(Errno, Action, path);
                }

                var handle = new SafeFileHandle(fd, ownsHandle: true);
                fd = -1;
                try
                {
                    return new FileStream(handle, FileAccess.Read, bufferSize: 4096);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
            }
            finally
            {
                if (fd >= 0)
                {
                    _ = Close(fd);
                }
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public void CreateDirectory(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "create the folder";
        if (path.IsRoot)
        {
            throw FolderRootErrors.Create(FolderRootReason.Exists, Action, path);
        }

        var root = AcquireRoot();
        try
        {
            var parent = OpenParent(root, path, Action, path);
            try
            {
                fixed (byte* name = NameZ(path))
                {
                    if (Mkdirat(parent, name, DirectoryMode) != 0)
                    {
                        throw Fail(Errno, Action, path);
                    }
                }
            }
            finally
            {
                _ = Close(parent);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public void Rename(RelativePath from, RelativePath to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var action = $"rename '{from}' to";
        if (from.IsRoot || to.IsRoot)
        {
            throw FolderRootErrors.Create(FolderRootReason.PermissionDenied, action, to, "the granted folder itself cannot be moved or replaced");
        }

        var root = AcquireRoot();
        try
        {
            var fromParent = OpenParent(root, from, action, to);
            try
            {
                var toParent = OpenParent(root, to, action, to);
                try
                {
                    fixed (byte* fromName = NameZ(from))
                    fixed (byte* toName = NameZ(to))
                    {
                        if (Renameat2(fromParent, fromName, toParent, toName, RenameNoReplace) == 0)
                        {
                            return;
                        }

                        var errno = Errno;
                        switch (errno)
                        {
                            case EXDEV:
                                throw FolderRootErrors.Create(
                                    FolderRootReason.Other, action, to, "the two places are on different file systems", new Win32Exception(errno));
                            case EINVAL:
                                RenameWithoutNoReplace(fromParent, fromName, toParent, toName, from, to, action);
                                return;
                            default:
                                throw Fail(errno, action, to);
                        }
                    }
                }
                finally
                {
                    _ = Close(toParent);
                }
            }
            finally
            {
                _ = Close(fromParent);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public void Remove(RelativePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "remove";
        if (path.IsRoot)
        {
            throw FolderRootErrors.Create(FolderRootReason.PermissionDenied, Action, path, "the granted folder itself cannot be removed");
        }

        var root = AcquireRoot();
        try
        {
            var parent = OpenParent(root, path, Action, path);
            try
            {
                fixed (byte* name = NameZ(path))
                {
                    if (Unlinkat(parent, name, 0) == 0)
                    {
                        return;
                    }

                    var errno = Errno;
                    if (errno == EISDIR)
                    {
                        if (Unlinkat(parent, name, AtRemoveDir) == 0)
                        {
                            return;
                        }

                        errno = Errno;
                        if (errno == EEXIST)
                        {
                            errno = ENOTEMPTY; // some file systems say EEXIST for a folder that is not empty
                        }
                    }

                    throw Fail(errno, Action, path);
                }
            }
            finally
            {
                _ = Close(parent);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public void WriteAtomic(RelativePath path, Action<Stream> write, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        const string Action = "write";
        if (path.IsRoot)
        {
            throw FolderRootErrors.Create(FolderRootReason.IsADirectory, Action, path);
        }

        var root = AcquireRoot();
        try
        {
            var parent = OpenParent(root, path, Action, path);
            try
            {
                var name = NameZ(path);
                var keepMode = CheckWriteTarget(parent, name, path, overwrite);
                WriteThroughTemporary(parent, name, path, write, overwrite, keepMode);
            }
            finally
            {
                _ = Close(parent);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public void SetModified(RelativePath path, DateTimeOffset modified)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string Action = "set the modification time of";
        var times = stackalloc Timespec[2];
        times[0] = new Timespec { Seconds = 0, Nanoseconds = UtimeOmit };
        times[1] = ToTimespec(modified);
        var root = AcquireRoot();
        try
        {
            if (path.IsRoot)
            {
                fixed (byte* dot = DotZ)
                {
                    if (Utimensat(root, dot, times, AtSymlinkNofollow) != 0)
                    {
                        throw Fail(Errno, Action, path);
                    }
                }

                return;
            }

            var parent = OpenParent(root, path, Action, path);
            try
            {
                fixed (byte* name = NameZ(path))
                {
                    if (Utimensat(parent, name, times, AtSymlinkNofollow) != 0)
                    {
                        throw Fail(Errno, Action, path);
                    }
                }
            }
            finally
            {
                _ = Close(parent);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public void SyncDirectory(RelativePath folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        const string Action = "flush the folder";
        var root = AcquireRoot();
        try
        {
            var fd = Openat2(root, Z(folder), ORdonly | ODirectory | OCloexec, 0, out var errno);
            if (fd < 0)
            {
                throw Fail(errno, Action, folder);
            }

            try
            {
                // EINVAL: the file system has nothing to flush for folders.
                if (Fsync(fd) != 0 && (errno = Errno) != EINVAL)
                {
                    throw Fail(errno, Action, folder);
                }
            }
            finally
            {
                _ = Close(fd);
            }
        }
        finally
        {
            ReleaseRoot();
        }
    }

    public void Dispose() => _root.Dispose();

    private static void RefuseUnlessRegular(int root, RelativePath path, string action)
    {
        var fd = Openat2(root, Z(path), OPath | ONofollow | OCloexec, 0, out var errno);
        if (fd < 0)
        {
            throw Fail(errno, action, path);
        }

        try
        {
            var reason = FileStatus(fd, action, path).Type switch
            {
                SIfreg => (FolderRootReason?)null,
                SIfdir => FolderRootReason.IsADirectory,
                SIflnk => FolderRootReason.SymbolicLink,
                _ => FolderRootReason.SpecialFile,
            };
            if (reason is { } refused)
            {
                throw FolderRootErrors.Create(refused, action, path);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static StatxBuffer FileStatus(int fd, string action, RelativePath path)
    {
        StatxBuffer status;
        fixed (byte* empty = EmptyZ)
        {
            if (Statx(fd, empty, AtEmptyPath | AtSymlinkNofollow, &status) != 0)
            {
                throw Fail(Errno, action, path);
            }
        }

        return status;
    }

    /// <summary>The target's permission bits to keep, or <see langword="null"/> when there is no target yet.</summary>
    private static uint? CheckWriteTarget(int parent, byte[] name, RelativePath path, bool overwrite)
    {
        const string Action = "write";
        StatxBuffer status;
        fixed (byte* pointer = name)
        {
            if (Statx(parent, pointer, AtSymlinkNofollow | AtNoAutomount, &status) != 0)
            {
                var errno = Errno;
                return errno == ENOENT ? null : throw Fail(errno, Action, path);
            }
        }

        var reason = status.Type switch
        {
            SIfreg when status.Nlink > 1 => FolderRootReason.HardLinked,
            SIfreg when !overwrite => FolderRootReason.Exists,
            SIfreg => (FolderRootReason?)null,
            SIfdir => FolderRootReason.IsADirectory,
            SIflnk => FolderRootReason.SymbolicLink,
            _ => FolderRootReason.SpecialFile,
        };
        return reason is { } refused ? throw FolderRootErrors.Create(refused, Action, path) : status.Mode & 0x1FFu;
    }

    private static void WriteThroughTemporary(int parent, byte[] name, RelativePath path, Action<Stream> write, bool overwrite, uint? keepMode)
    {
        const string Action = "write";
        var (temporary, fd) = CreateTemporary(parent, path);
        var temporaryExists = true;
        var sync = -1;
        try
        {
            if (keepMode is { } mode)
            {
                _ = Fchmod(fd, mode); // best effort: a file we cannot chmod keeps the default mode
            }

            // A duplicate descriptor lets us fsync even if the callback disposes the stream.
            sync = Fcntl(fd, FDupfdCloexec, 0);
            if (sync < 0)
            {
                var errno = Errno;
                _ = Close(fd);
                throw Fail(errno, Action, path);
            }

            using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 4096))
            {
                write(stream);
                if (stream.CanWrite)
                {
                    stream.Flush();
                }
            }

            if (Fsync(sync) != 0)
            {
                throw Fail(Errno, Action, path);
            }

            fixed (byte* from = temporary)
            fixed (byte* to = name)
            {
                if (Renameat2(parent, from, parent, to, overwrite ? 0 : RenameNoReplace) == 0)
                {
                    temporaryExists = false;
                }
                else
                {
                    var errno = Errno;
                    if (errno != EINVAL || overwrite)
                    {
                        throw Fail(errno, Action, path);
                    }

                    // The file system has no RENAME_NOREPLACE: a hard link refuses an existing name just as well,
                    // and the temporary name is then removed below.
                    if (Linkat(parent, from, parent, to, 0) != 0)
                    {
                        throw Fail(Errno, Action, path);
                    }
                }
            }

            SyncBestEffort(parent);
        }
        catch (IOException e) when (e is not FolderRootException)
        {
            var reason = e.HResult is ENOSPC or EDQUOT ? FolderRootReason.NoSpace : FolderRootReason.Other;
            throw FolderRootErrors.Create(reason, Action, path, reason == FolderRootReason.Other ? e.Message.TrimEnd('.') : null, e);
        }
        finally
        {
            if (sync >= 0)
            {
                _ = Close(sync);
            }

            if (temporaryExists)
            {
                fixed (byte* pointer = temporary)
                {
                    _ = Unlinkat(parent, pointer, 0);
                }
            }
        }
    }

    private static (byte[] Name, int Fd) CreateTemporary(int parent, RelativePath path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = Z([.. FolderRoot.TemporaryPrefix, .. Encoding.ASCII.GetBytes(RandomNumberGenerator.GetHexString(16, lowercase: true))]);
            var fd = Openat2(parent, name, OWronly | OCreat | OExcl | ONofollow | OCloexec, FileMode, out var errno);
            if (fd >= 0)
            {
                return (name, fd);
            }

            if (errno != EEXIST || attempt >= 16)
            {
                throw Fail(errno, "write", path);
            }
        }
    }

    private static void SyncBestEffort(int folder)
    {
        // After the rename the new file is in place; flushing the folder only makes the new name durable sooner.
        var fd = Openat2(folder, DotZ, ORdonly | ODirectory | OCloexec, 0, out _);
        if (fd >= 0)
        {
            _ = Fsync(fd);
            _ = Close(fd);
        }
    }

    private static void RenameWithoutNoReplace(
        int fromParent, byte* fromName, int toParent, byte* toName, RelativePath from, RelativePath to, string action)
    {
        // EINVAL: either a folder moved into itself, or a file system without RENAME_NOREPLACE.
        StatxBuffer status;
        if (Statx(fromParent, fromName, AtSymlinkNofollow | AtNoAutomount, &status) == 0 && status.Type != SIfdir)
        {
            if (Linkat(fromParent, fromName, toParent, toName, 0) != 0)
            {
                throw Fail(Errno, action, to);
            }

            if (Unlinkat(fromParent, fromName, 0) != 0)
            {
                var errno = Errno;
                _ = Unlinkat(toParent, toName, 0);
                throw Fail(errno, action, to);
            }

            return;
        }

        throw FolderRootErrors.Create(
            FolderRootReason.Other,
            action,
            to,
            to.IsWithin(from) ? "a folder cannot be moved into itself" : "this file system cannot rename a folder without the risk of replacing another");
    }

    /// <summary>Opens the folder that holds <paramref name="path"/>'s last component, beneath the root.</summary>
    private static int OpenParent(int root, RelativePath path, string action, RelativePath subject)
    {
        var fd = Openat2(root, Z(path.Parent), OPath | ODirectory | OCloexec, 0, out var errno);
        return fd >= 0 ? fd : throw Fail(errno, action, subject);
    }

    /// <summary>openat2 beneath <paramref name="dirfd"/>, retrying the EAGAIN the kernel returns when a rename races a ".." lookup.</summary>
    private static int Openat2(int dirfd, byte[] pathZ, int flags, uint mode, out int errno)
    {
        fixed (byte* path = pathZ)
        {
            for (var attempt = 0; ; attempt++)
            {
                var fd = LinuxSyscalls.Openat2(dirfd, path, (ulong)flags, mode, Resolve);
                if (fd >= 0)
                {
                    errno = 0;
                    return fd;
                }

                errno = Errno;
                if (errno is not (EAGAIN or EINTR) || attempt >= MaxRetries)
                {
                    return -1;
                }
            }
        }
    }

    private static FolderRootReason ReasonFor(int errno) => errno switch
    {
        EXDEV => FolderRootReason.OutsideRoot, // from RESOLVE_BENEATH: "..", an absolute link or a link chain would leave the root
        ELOOP => FolderRootReason.SymbolicLink, // a final link under O_NOFOLLOW, a magic link, or a loop
        ENOENT => FolderRootReason.NotFound,
        EEXIST => FolderRootReason.Exists,
        ENOTDIR => FolderRootReason.NotADirectory,
        EISDIR => FolderRootReason.IsADirectory,
        ENOTEMPTY => FolderRootReason.DirectoryNotEmpty,
        EACCES or EPERM => FolderRootReason.PermissionDenied,
        ENOSPC or EDQUOT => FolderRootReason.NoSpace,
        ENAMETOOLONG => FolderRootReason.NameTooLong,
        EROFS => FolderRootReason.ReadOnlyFileSystem,
        ENXIO => FolderRootReason.SpecialFile, // open(2) of a socket
        _ => FolderRootReason.Other,
    };

    private static FolderRootException Fail(int errno, string action, RelativePath path)
    {
        var reason = ReasonFor(errno);
        return FolderRootErrors.Create(reason, action, path, reason == FolderRootReason.Other ? Message(errno) : null, new Win32Exception(errno));
    }

    private static string Message(int errno) => Marshal.GetPInvokeErrorMessage(errno).TrimEnd('.');

    private static byte[] Z(RelativePath path) => path.IsRoot ? DotZ : Z(path.ToBytes());

    private static byte[] NameZ(RelativePath path) => Z(path.NameBytes.ToArray());

    private static byte[] Z(byte[] bytes)
    {
        var terminated = new byte[bytes.Length + 1];
        bytes.CopyTo(terminated, 0);
        return terminated;
    }

    private int AcquireRoot()
    {
        var added = false;
        _root.DangerousAddRef(ref added);
        return (int)_root.DangerousGetHandle();
    }

    private void ReleaseRoot() => _root.DangerousRelease();
}
