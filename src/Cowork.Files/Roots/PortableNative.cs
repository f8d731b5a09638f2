using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Cowork.Files;

/// <summary>
/// What <see cref="PortableFolderRoot"/> needs that .NET does not expose: an entry's kind, link count, device and
/// inode without following a final link (<c>statx</c> on Linux, <c>lstat</c> on macOS,
/// <c>GetFileInformationByHandle</c> on Windows), and a folder's fsync.
/// </summary>
/// <remarks>Failures are thrown as <see cref="IOException"/> whose <see cref="Exception.HResult"/> is the errno (Unix) or
/// the HRESULT of the Win32 error (Windows), the same convention .NET's own file APIs follow.</remarks>
internal static unsafe partial class PortableNative
{
    private const string Libc = "libc";
    private const string Kernel32 = "kernel32.dll";

    private const int DarwinENOENT = 2;
    private const int DarwinOCloexec = 0x1000000;

    private const uint FileReadAttributes = 0x80;
    private const uint FileShareAll = 0x7;
    private const uint OpenExisting = 3;
    private const uint FileFlagBackupSemantics = 0x02000000;
    private const uint FileFlagOpenReparsePoint = 0x00200000;
    private const uint FileAttributeDirectory = 0x10;
    private const uint FileAttributeReparsePoint = 0x400;
    private const int ErrorFileNotFound = 2;
    private const int ErrorPathNotFound = 3;

    /// <summary>The entry's status, or <see langword="null"/> when nothing is there.</summary>
    /// <param name="followFinal">Follow a final link (used only for the root folder itself).</param>
    /// <remarks>On Windows every reparse point (symbolic link, junction, cloud placeholder) reads as a link.</remarks>
    public static EntryStatus? Status(string path, bool followFinal)
    {
        if (OperatingSystem.IsWindows())
        {
            return WindowsStatus(path, followFinal);
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsMacCatalyst() || OperatingSystem.IsIOS())
        {
            return DarwinStatus(path, followFinal);
        }

        if (OperatingSystem.IsLinux() && LinuxSyscalls.IsSupportedPlatform)
        {
            return LinuxStatus(path, followFinal);
        }

        throw new PlatformNotSupportedException("Folder roots are not supported on this platform.");
    }

    /// <summary>fsync of a folder; nothing to do on Windows (NTFS journals its metadata).</summary>
    public static void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var flags = OperatingSystem.IsLinux() ? LinuxSyscalls.ORdonly | LinuxSyscalls.ODirectory | LinuxSyscalls.OCloexec : DarwinOCloexec;
        int fd;
        fixed (byte* pointer = Terminated(path))
        {
            fd = DarwinOrLinuxOpen(pointer, flags);
        }

        if (fd < 0)
        {
            throw Failure(Marshal.GetLastPInvokeError());
        }

        try
        {
            var errno = 0;
            if (DarwinOrLinuxFsync(fd) != 0 && (errno = Marshal.GetLastPInvokeError()) != LinuxSyscalls.EINVAL)
            {
                throw Failure(errno);
            }
        }
        finally
        {
            _ = DarwinOrLinuxClose(fd);
        }
    }

    /// <summary>rename(2) on Linux and macOS: moves the entry itself (a link is not followed), replacing a file at the target.</summary>
    public static void Rename(string from, string to)
    {
        fixed (byte* source = Terminated(from))
        fixed (byte* target = Terminated(to))
        {
            if (DarwinOrLinuxRename(source, target) != 0)
            {
                throw Failure(Marshal.GetLastPInvokeError());
            }
        }
    }

    private static EntryStatus? LinuxStatus(string path, bool followFinal)
    {
        LinuxSyscalls.StatxBuffer status;
        fixed (byte* pointer = Terminated(path))
        {
            var flags = LinuxSyscalls.AtNoAutomount | (followFinal ? 0 : LinuxSyscalls.AtSymlinkNofollow);
            if (LinuxSyscalls.Statx(LinuxSyscalls.AtFdCwd, pointer, flags, &status) == 0)
            {
                return status.ToEntryStatus();
            }
        }

        var errno = LinuxSyscalls.Errno;
        return errno == LinuxSyscalls.ENOENT ? null : throw Failure(errno);
    }

    private static EntryStatus? DarwinStatus(string path, bool followFinal)
    {
        DarwinStat status;
        int result;
        fixed (byte* pointer = Terminated(path))
        {
            result = (RuntimeInformation.ProcessArchitecture, followFinal) switch
            {
                (Architecture.X64, false) => DarwinLstatInode64(pointer, &status),
                (Architecture.X64, true) => DarwinStatInode64(pointer, &status),
                (_, false) => DarwinLstat(pointer, &status),
                (_, true) => DarwinStat64(pointer, &status),
            };
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == DarwinENOENT ? null : throw Failure(errno);
        }

        var kind = (status.Mode & LinuxSyscalls.SIfmt) switch
        {
            LinuxSyscalls.SIfreg => EntryKind.File,
            LinuxSyscalls.SIfdir => EntryKind.Directory,
            LinuxSyscalls.SIflnk => EntryKind.SymbolicLink,
            _ => EntryKind.Special,
        };
        var modified = DateTimeOffset.UnixEpoch.AddTicks((status.MtimeSeconds * TimeSpan.TicksPerSecond) + (status.MtimeNanoseconds / 100));
        return new EntryStatus(kind, status.Size, modified, status.Nlink, (uint)status.Dev, status.Ino);
    }

    private static EntryStatus? WindowsStatus(string path, bool followFinal)
    {
        var flags = FileFlagBackupSemantics | (followFinal ? 0 : FileFlagOpenReparsePoint);
        using var handle = CreateFile(ExtendedPath(path), FileReadAttributes, FileShareAll, 0, OpenExisting, flags, 0);
        if (handle.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is ErrorFileNotFound or ErrorPathNotFound ? null : throw WindowsFailure(error);
        }

        if (!GetFileInformationByHandle(handle, out var info))
        {
            throw WindowsFailure(Marshal.GetLastPInvokeError());
        }

        var kind = (info.Attributes & FileAttributeReparsePoint) != 0 && !followFinal ? EntryKind.SymbolicLink
            : (info.Attributes & FileAttributeDirectory) != 0 ? EntryKind.Directory
            : EntryKind.File;
        var modified = DateTimeOffset.FromFileTime(((long)info.WriteTimeHigh << 32) | info.WriteTimeLow);
        return new EntryStatus(
            kind,
            ((long)info.SizeHigh << 32) | info.SizeLow,
            modified,
            info.Links,
            info.VolumeSerialNumber,
            ((ulong)info.IndexHigh << 32) | info.IndexLow);
    }

    private static string ExtendedPath(string path) =>
        path.StartsWith(@"\\?\", StringComparison.Ordinal) ? path
        : path.StartsWith(@"\\", StringComparison.Ordinal) ? @"\\?\UNC\" + path[2..]
        : @"\\?\" + path;

    private static byte[] Terminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    private static IOException Failure(int errno) => new(Marshal.GetPInvokeErrorMessage(errno), errno);

    private static IOException WindowsFailure(int error) => new(Marshal.GetPInvokeErrorMessage(error), unchecked((int)0x80070000) | error);

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true)]
    private static partial int DarwinOrLinuxOpen(byte* path, int flags);

    [LibraryImport(Libc, EntryPoint = "fsync", SetLastError = true)]
    private static partial int DarwinOrLinuxFsync(int fd);

    [LibraryImport(Libc, EntryPoint = "rename", SetLastError = true)]
    private static partial int DarwinOrLinuxRename(byte* from, byte* to);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    private static partial int DarwinOrLinuxClose(int fd);

    // On x86-64 macOS the plain names are the legacy 32-bit-inode variants; arm64 has only the 64-bit ones.
    [LibraryImport(Libc, EntryPoint = "lstat$INODE64", SetLastError = true)]
    private static partial int DarwinLstatInode64(byte* path, DarwinStat* status);

    [LibraryImport(Libc, EntryPoint = "stat$INODE64", SetLastError = true)]
    private static partial int DarwinStatInode64(byte* path, DarwinStat* status);

    [LibraryImport(Libc, EntryPoint = "lstat", SetLastError = true)]
    private static partial int DarwinLstat(byte* path, DarwinStat* status);

    [LibraryImport(Libc, EntryPoint = "stat", SetLastError = true)]
    private static partial int DarwinStat64(byte* path, DarwinStat* status);

    [LibraryImport(Kernel32, EntryPoint = "CreateFileW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    private static partial SafeFileHandle CreateFile(string name, uint access, uint share, nint security, uint disposition, uint flags, nint template);

    [LibraryImport(Kernel32, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(SafeFileHandle handle, out ByHandleFileInformation information);

    /// <summary>Darwin's 64-bit-inode <c>struct stat</c> (144 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct DarwinStat
    {
        [FieldOffset(0)] public int Dev;
        [FieldOffset(4)] public ushort Mode;
        [FieldOffset(6)] public ushort Nlink;
        [FieldOffset(8)] public ulong Ino;
        [FieldOffset(48)] public long MtimeSeconds;
        [FieldOffset(56)] public long MtimeNanoseconds;
        [FieldOffset(96)] public long Size;
    }

    /// <summary><c>BY_HANDLE_FILE_INFORMATION</c> (FILETIMEs as pairs of DWORDs, so the layout has no padding).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ByHandleFileInformation
    {
        public uint Attributes;
        public uint CreationTimeLow;
        public uint CreationTimeHigh;
        public uint AccessTimeLow;
        public uint AccessTimeHigh;
        public uint WriteTimeLow;
        public uint WriteTimeHigh;
        public uint VolumeSerialNumber;
        public uint SizeHigh;
        public uint SizeLow;
        public uint Links;
        public uint IndexHigh;
        public uint IndexLow;
    }
}
