using System.Security.Cryptography;
using Cowork.Files;

namespace Cowork.Cli.Tests;

/// <summary>Every file under a folder by its raw name bytes, with its content hash and modification time.</summary>
internal static class TreeSnapshot
{
    public static SortedDictionary<string, string> Take(string folder, bool withTimes = true)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var root = FolderRoot.Open(folder);
        Walk(root, RelativePath.Root, result, withTimes);
        return result;
    }

    private static void Walk(IFolderRoot root, RelativePath folder, SortedDictionary<string, string> result, bool withTimes)
    {
        foreach (var entry in root.List(folder))
        {
            if (entry.Status.Kind == EntryKind.Directory)
            {
                if (!Workspace.IsInTrash(entry.Path))
                {
                    Walk(root, entry.Path, result, withTimes);
                }

                continue;
            }

            using var stream = root.OpenRead(entry.Path);
            var hash = Convert.ToHexString(SHA256.HashData(stream));
            // Raw bytes as hex, so names that are not UTF-8 compare exactly.
            result[Convert.ToHexString(entry.Path.ToBytes())] = withTimes ? $"{hash} {entry.Status.Modified.ToUnixTimeMilliseconds()}" : hash;
        }
    }
}
