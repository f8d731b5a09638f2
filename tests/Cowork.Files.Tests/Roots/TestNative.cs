using System.Runtime.InteropServices;
using System.Text;

namespace Cowork.Files.Tests;

/// <summary>
/// libc calls the tests need to build file systems .NET cannot (FIFOs, devices, hard links, names that are not UTF-8,
/// atomic swaps). Paths are raw, NUL-terminated bytes. Linux only.
/// </summary>
internal static class TestNative
{
    public const uint RenameExchange = 2;
    private const int OWronly = 1;
    private const int OCreat = 0x40;
    private const int OTrunc = 0x200;
    private const int OCloexec = 0x80000;
    private const uint SIfchr = 0x2000;

    public static byte[] Z(string path) => Z(Encoding.UTF8.GetBytes(path));

    public static byte[] Z(ReadOnlySpan<byte> path) => [.. path, 0];

    public static void MakeFifo(string path) => Check(Mkfifo(Z(path), 0x1B6), "mkfifo", path);

    public static void HardLink(string existing, string link) => Check(Link(Z(existing), Z(link)), "link", link);

    /// <summary>Creates a character device like /dev/null (major 1, minor 3); false when not permitted here.</summary>
    public static bool TryMakeNullDevice(string path)
    {
        try
        {
            return Mknod(Z(path), SIfchr | 0x1B6, (1UL << 8) | 3) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // glibc before 2.33 exports only __xmknod
        }
    }

    /// <summary>Creates (or truncates) a file whose path is raw bytes and writes <paramref name="content"/>.</summary>
    public static void WriteFile(byte[] path, byte[] content)
    {
        var fd = Open(Z(path), OWronly | OCreat | OTrunc | OCloexec, 0x1A4);
        Check(fd, "open", Encoding.UTF8.GetString(path));
        try
        {
            Check((int)Write(fd, content, content.Length), "write", Encoding.UTF8.GetString(path));
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>renameat2(AT_FDCWD, from, AT_FDCWD, to, flags); returns errno (0 on success).</summary>
    public static int Rename2(string from, string to, uint flags) =>
        Renameat2(-100, Z(from), -100, Z(to), flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    private static void Check(int result, string call, string path)
    {
        if (result < 0)
        {
            throw new IOException($"{call}({path}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(byte[] path, uint mode);

    [DllImport("libc", EntryPoint = "mknod", SetLastError = true)]
    private static extern int Mknod(byte[] path, uint mode, ulong device);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(byte[] existing, byte[] link);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int Renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, uint flags);
}
