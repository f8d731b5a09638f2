using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Cowork.Sandbox;

/// <summary>What overlayfs leaves in an upper layer that lstat alone does not tell: whiteouts and opaque folders.</summary>
internal static partial class LayerNative
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const ushort TypeMask = 0xF000;
    private const ushort CharacterDevice = 0x2000;

    /// <summary>A whiteout: the character device 0/0 that marks a deleted lower entry.</summary>
    public static bool IsWhiteout(string root, RelativePath path)
    {
        Span<byte> buffer = stackalloc byte[256];
        buffer.Clear();
        if (Statx(AtFdCwd, HostPath(root, path), AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return false;
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        return (mode & TypeMask) == CharacterDevice
            && BinaryPrimitives.ReadUInt32LittleEndian(buffer[128..]) == 0
            && BinaryPrimitives.ReadUInt32LittleEndian(buffer[132..]) == 0;
    }

    /// <summary>An opaque folder: it replaced a lower folder, whose entries are hidden (user xattrs, as the sandbox mounts it).</summary>
    public static bool IsOpaque(string root, RelativePath path)
    {
        Span<byte> value = stackalloc byte[8];
        var length = Lgetxattr(HostPath(root, path), "user.overlay.opaque\0"u8.ToArray(), ref MemoryMarshal.GetReference(value), value.Length);
        return length > 0 && value[0] == (byte)'y';
    }

    private static byte[] HostPath(string root, RelativePath path) =>
        [.. Encoding.UTF8.GetBytes(root), .. path.IsRoot ? [] : (byte[])[(byte)'/', .. path.ToBytes()], 0];

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int dirfd, byte[] path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true)]
    private static partial nint Lgetxattr(byte[] path, byte[] name, ref byte value, nint size);
}
