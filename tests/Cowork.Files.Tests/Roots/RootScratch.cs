using System.Security.Cryptography;
using System.Text;

namespace Cowork.Files.Tests;

/// <summary>
/// A scratch folder holding ROOT (the folder a test opens as a root) and OUT (a canary beside it that no root
/// operation may ever change), laid out in the manner of Go's <c>makefs</c> (src/os/root_test.go):
/// "d/" is a folder, "f" a file whose content is its own path, "a => b" a symbolic link; <c>$ROOT</c> and <c>$OUT</c>
/// in a link target stand for the absolute paths. Parent folders are created as needed.
/// </summary>
internal sealed class RootScratch : IDisposable
{
    public RootScratch(params string[] layout)
    {
        Base = Directory.CreateTempSubdirectory("cowork-root-").FullName;
        Root = Directory.CreateDirectory(Path.Combine(Base, "ROOT")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Base, "OUT")).FullName;
        File.WriteAllText(Path.Combine(Outside, "target"), "canary target");
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "canary secret");
        Directory.CreateDirectory(Path.Combine(Outside, "sub"));
        File.WriteAllText(Path.Combine(Outside, "sub", "inner.txt"), "canary inner");
        var old = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        foreach (var path in Directory.EnumerateFileSystemEntries(Outside, "*", SearchOption.AllDirectories).Append(Outside))
        {
            File.SetLastWriteTimeUtc(path, old);
        }

        foreach (var entry in layout)
        {
            var parts = entry.Replace("$ROOT", Root, StringComparison.Ordinal).Replace("$OUT", Outside, StringComparison.Ordinal)
                .Split(" => ");
            var name = parts[0];
            var full = Path.Combine(Root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full))!);
            if (parts.Length == 2)
            {
                File.CreateSymbolicLink(full, parts[1]);
            }
            else if (name.EndsWith('/'))
            {
                Directory.CreateDirectory(full);
            }
            else
            {
                File.WriteAllText(full, name);
            }
        }
    }

    public string Base { get; }

    public string Root { get; }

    public string Outside { get; }

    public string InRoot(string relative) => Path.Combine(Root, relative);

    /// <summary>
    /// Everything a stray operation could change outside ROOT: the scratch folder's entries and modification time, and
    /// every entry under OUT with its kind, mode, modification time and bytes.
    /// </summary>
    public string Canary()
    {
        var text = new StringBuilder();
        text.AppendLine(Describe(Base));
        foreach (var entry in Directory.EnumerateFileSystemEntries(Base).Order(StringComparer.Ordinal))
        {
            text.AppendLine(Path.GetFileName(entry));
        }

        text.AppendLine(Describe(Outside));
        foreach (var entry in Directory.EnumerateFileSystemEntries(Outside, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.AppendLine(Describe(entry));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed may leave something odd behind; the temp folder is cleaned by the OS.
        }
    }

    private static string Describe(string path)
    {
        var status = PortableNative.Status(path, followFinal: false) ?? throw new FileNotFoundException(path);
        var bytes = status.Kind == EntryKind.File ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "";
        var mode = OperatingSystem.IsWindows() ? "" : File.GetUnixFileMode(path).ToString();
        return $"{path} {status.Kind} {status.Size} {status.Modified.UtcTicks} {status.LinkCount} {status.Inode} {mode} {bytes}";
    }
}
