using System.Security.Cryptography;

namespace Cowork.Files;

/// <summary>The SHA-256 of a file's bytes, lower-case hex: trash blob names, undo's "still the task's bytes" check, duplicates.</summary>
internal static class ContentHash
{
    public static string Of(IFolderRoot root, RelativePath path)
    {
        using var stream = root.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
