using System.Runtime.InteropServices;

namespace Cowork.Files;

/// <summary>
/// The Linux system calls the folder roots use: libc wrappers where every libc has them, and raw <c>syscall()</c>
/// for <c>openat2</c>, <c>statx</c>, <c>renameat2</c> and <c>getdents64</c> (glibc and musl disagree on wrappers for
/// those, and the raw numbers are stable per architecture).
/// </summary>
/// <remarks>
/// Every call returns -1 and leaves errno in <see cref="Marshal.GetLastPInvokeError"/> on failure. The flag values
/// below are the kernel's; <c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c> differ on arm64.
/// </remarks>
internal static unsafe partial class LinuxSyscalls
{
    private const string Libc = "libc";

    // openat2(2) is 437 on every architecture with the unified syscall table.
    private const nint SysOpenat2 = 437;

    public const int ORdonly = 0;
    public const int OWronly = 1;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int ONoctty = 0x100;
    public const int ONonblock = 0x800;
    public const int OCloexec = 0x80000;
    public const int OPath = 0x200000;

    public const ulong ResolveNoMagicLinks = 0x02;
    public const ulong ResolveBeneath = 0x08;

    public const int AtFdCwd = -100;
    public const int AtSymlinkNofollow = 0x100;
    public const int AtRemoveDir = 0x200;
    public const int AtNoAutomount = 0x800;
    public const int AtEmptyPath = 0x1000;

    public const uint RenameNoReplace = 1;
    public const uint StatxBasicStats = 0x7ff;
    public const long UtimeOmit = (1L << 30) - 2;

    public const int FGetfl = 3;
    public const int FSetfl = 4;

    public const uint SIfmt = 0xF000;
    public const uint SIfdir = 0x4000;
    public const uint SIfreg = 0x8000;
    public const uint SIflnk = 0xA000;

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int ENXIO = 6;
    public const int E2BIG = 7;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENOSPC = 28;
    public const int EROFS = 30;
    public const int ENAMETOOLONG = 36;
    public const int ENOSYS = 38;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int EDQUOT = 122;

    /// <summary>Syscall numbers that differ by architecture; <see langword="null"/> where this code does not know them.</summary>
    private static readonly (nint Getdents64, nint Renameat2, nint Statx)? Numbers = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (217, 316, 332),
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => (61, 276, 291),
        _ => null,
    };

    /// <summary>Whether this process runs on Linux on an architecture whose syscall numbers and flags are known here.</summary>
    public static bool IsSupportedPlatform => OperatingSystem.IsLinux() && Numbers is not null;

    public static int ODirectory { get; } = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;

    public static int ONofollow { get; } = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

    public static int Errno => Marshal.GetLastPInvokeError();

    public static int Openat2(int dirfd, byte* path, ulong flags, ulong mode, ulong resolve)
    {
        var how = new OpenHow { Flags = flags, Mode = mode, Resolve = resolve };
        return (int)SyscallOpenat2(SysOpenat2, dirfd, path, &how, sizeof(OpenHow));
    }

    public static int Statx(int dirfd, byte* path, int flags, StatxBuffer* buffer) =>
        (int)SyscallStatx(Numbers!.Value.Statx, dirfd, path, flags, StatxBasicStats, buffer);

    public static int Renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags) =>
        (int)SyscallRenameat2(Numbers!.Value.Renameat2, olddirfd, oldpath, newdirfd, newpath, flags);

    public static nint Getdents64(int fd, byte* buffer, nint count) =>
        SyscallGetdents64(Numbers!.Value.Getdents64, fd, buffer, count);

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint SyscallOpenat2(nint number, int dirfd, byte* path, OpenHow* how, nint size);

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint SyscallStatx(nint number, int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint SyscallRenameat2(nint number, int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint SyscallGetdents64(nint number, int fd, byte* buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Libc, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Libc, EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(int fd, uint mode);

    [LibraryImport(Libc, EntryPoint = "mkdirat", SetLastError = true)]
    public static partial int Mkdirat(int dirfd, byte* path, uint mode);

    [LibraryImport(Libc, EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int Unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Libc, EntryPoint = "linkat", SetLastError = true)]
    public static partial int Linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags);

    [LibraryImport(Libc, EntryPoint = "utimensat", SetLastError = true)]
    public static partial int Utimensat(int dirfd, byte* path, Timespec* times, int flags);

    [LibraryImport(Libc, EntryPoint = "futimens", SetLastError = true)]
    public static partial int Futimens(int fd, Timespec* times);

    /// <summary><c>struct open_how</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    /// <summary><c>struct timespec</c> on a 64-bit kernel ABI.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary><c>struct statx</c>: 256 bytes, the same layout on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;

        public readonly uint Type => Mode & SIfmt;

        /// <summary>The status as the contract describes it; the device number is glibc's <c>makedev</c> of the pair.</summary>
        public readonly EntryStatus ToEntryStatus()
        {
            var kind = Type switch
            {
                SIfreg => EntryKind.File,
                SIfdir => EntryKind.Directory,
                SIflnk => EntryKind.SymbolicLink,
                _ => EntryKind.Special,
            };
            var device = ((ulong)(DevMajor & 0xfffff000) << 32) | ((ulong)(DevMajor & 0xfff) << 8)
                | ((ulong)(DevMinor & 0xffffff00) << 12) | (DevMinor & 0xff);
            var modified = DateTimeOffset.UnixEpoch.AddTicks((MtimeSeconds * TimeSpan.TicksPerSecond) + (MtimeNanoseconds / 100));
            return new EntryStatus(kind, (long)Size, modified, Nlink, device, Ino);
        }
    }

    /// <summary>A <c>timespec</c> for <paramref name="time"/> (ticks below 100 ns do not exist in .NET).</summary>
    public static Timespec ToTimespec(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new Timespec { Seconds = seconds, Nanoseconds = remainder * 100 };
    }
}
