using System.Globalization;
using System.IO.Enumeration;
using System.Text;

namespace Cowork.Files;

/// <summary>Finds files beneath a folder by name (glob) and, optionally, by a piece of text they contain.</summary>
public static class FileSearch
{
    private const long MaxSearchedFileSize = 20 * 1024 * 1024;

    public static string Search(IFolderRoot root, RelativePath folder, string displayFolder, string pattern, string? contains, int maxResults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        pattern = string.IsNullOrWhiteSpace(pattern) ? "*" : pattern.Trim();
        maxResults = Math.Clamp(maxResults, 1, 1000);
        var results = new List<string>();
        var scanned = 0;
        var truncated = false;
        foreach (var (path, status) in Walk(root, folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Relative(folder, path);
            var matchesName = pattern.Contains('/', StringComparison.Ordinal)
                ? FileSystemName.MatchesSimpleExpression(pattern, relative, ignoreCase: true)
                : FileSystemName.MatchesSimpleExpression(pattern, path.Name, ignoreCase: true);
            if (!matchesName)
            {
                continue;
            }

            scanned++;
            if (string.IsNullOrEmpty(contains))
            {
                results.Add(string.Create(CultureInfo.InvariantCulture, $"{relative}  {FolderListing.Size(status.Size)}  {status.Modified.LocalDateTime:yyyy-MM-dd}"));
            }
            else if (status.Size <= MaxSearchedFileSize)
            {
                results.AddRange(MatchingLines(root, path, relative, contains, maxResults - results.Count));
            }

            if (results.Count >= maxResults)
            {
                truncated = true;
                break;
            }
        }

        var what = string.IsNullOrEmpty(contains) ? $"files matching {pattern}" : $"lines containing \"{contains}\" in files matching {pattern}";
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{results.Count} {what} in {displayFolder}{(truncated ? $" (first {maxResults})" : "")}:"));
        foreach (var line in results)
        {
            text.Append('\n').Append(line);
        }

        if (results.Count == 0 && !string.IsNullOrEmpty(contains))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n({scanned} files searched.)");
        }

        return text.ToString();
    }

    private static IEnumerable<string> MatchingLines(IFolderRoot root, RelativePath path, string relative, string contains, int limit)
    {
        var found = new List<string>();
        try
        {
            using var stream = root.OpenRead(path);
            var head = new byte[4096];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (TextFileReader.LooksBinary(head.AsSpan(0, read)))
            {
                return found;
            }

            stream.Position = 0;
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var number = 0;
            while (found.Count < limit && reader.ReadLine() is { } line)
            {
                number++;
                if (line.Contains(contains, StringComparison.OrdinalIgnoreCase))
                {
                    var shown = line.Trim();
                    found.Add(string.Create(CultureInfo.InvariantCulture, $"{relative}:{number}: {(shown.Length > 200 ? shown[..200] + "…" : shown)}"));
                }
            }
        }
        catch (FolderRootException)
        {
            // A file that cannot be opened (a special file, a vanished one) is not a match.
        }

        return found;
    }

    private static IEnumerable<(RelativePath Path, EntryStatus Status)> Walk(IFolderRoot root, RelativePath folder)
    {
        var pending = new Stack<RelativePath>([folder]);
        while (pending.TryPop(out var current))
        {
            IReadOnlyList<DirectoryEntry> entries;
            try
            {
                entries = root.List(current);
            }
            catch (FolderRootException)
            {
                continue; // Vanished or unreadable meanwhile.
            }

            foreach (var entry in entries.OrderBy(e => e.Path.Name, StringComparer.Ordinal))
            {
                if (entry.Status.Kind == EntryKind.Directory && !Workspace.IsInTrash(entry.Path))
                {
                    pending.Push(entry.Path);
                }
                else if (entry.Status.Kind == EntryKind.File)
                {
                    yield return (entry.Path, entry.Status);
                }
            }
        }
    }

    internal static string Relative(RelativePath folder, RelativePath path) =>
        string.Join('/', path.Components.Skip(folder.Components.Count).Select(c => Encoding.UTF8.GetString(c)));
}
