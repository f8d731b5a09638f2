using System.Globalization;
using System.Text;

namespace Cowork.Files;

/// <summary>A folder described for the model: a summary (counts by kind, sizes, dates) and a paged tree of entries.</summary>
public static class FolderListing
{
    public const int PageSize = 200;
    private const int MaxEntries = 100_000;

    public static string Describe(string folder, string displayPath, int depth, int page)
    {
        if (!Directory.Exists(folder))
        {
            throw new ToolException(File.Exists(folder) ? $"{displayPath} is a file, not a folder." : $"{displayPath} does not exist.");
        }

        depth = Math.Clamp(depth, 1, 5);
        var entries = new List<(string Relative, FileSystemInfo Info, int Level)>();
        var truncated = Walk(new DirectoryInfo(folder), folder, 1, depth, entries);
        var files = entries.Where(e => e.Info is FileInfo && e.Info.LinkTarget is null).Select(e => (FileInfo)e.Info).ToList();
        var folders = entries.Count(e => e.Info is DirectoryInfo);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{displayPath}: {Count(files.Count, "file")} and {Count(folders, "folder")}{(depth > 1 ? $" (to depth {depth})" : "")}, {Size(files.Sum(f => f.Length))} in all.");
        if (files.Count > 0)
        {
            var kinds = files.GroupBy(f => FileKinds.CategoryOf(f.Name))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()} ({Size(g.Sum(f => f.Length))})");
            text.AppendLine(CultureInfo.InvariantCulture, $"By kind: {string.Join(", ", kinds)}.");
            var oldest = files.Min(f => f.LastWriteTime);
            var newest = files.Max(f => f.LastWriteTime);
            text.AppendLine(CultureInfo.InvariantCulture, $"Modified between {oldest:yyyy-MM-dd} and {newest:yyyy-MM-dd}.");
            var largest = files.MaxBy(f => f.Length)!;
            text.AppendLine(CultureInfo.InvariantCulture, $"Largest file: {Path.GetRelativePath(folder, largest.FullName)} ({Size(largest.Length)}).");
        }

        if (truncated)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"(Listing stopped at {MaxEntries:N0} entries.)");
        }

        var pages = Math.Max(1, (entries.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Entries, page {page} of {pages} (name, size, modified, kind):");
        foreach (var (relative, info, level) in entries.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var indent = new string(' ', 2 * level);
            var line = info switch
            {
                _ when info.LinkTarget is not null => $"{indent}{relative} -> link (not followed)",
                DirectoryInfo => $"{indent}{relative}/",
                FileInfo file => $"{indent}{relative}  {Size(file.Length)}  {file.LastWriteTime:yyyy-MM-dd HH:mm}  {FileKinds.CategoryOf(file.Name)}",
                _ => $"{indent}{relative}",
            };
            text.AppendLine(line);
        }

        if (page < pages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"More entries: call list_folder with page={page + 1}.");
        }

        return text.ToString().TrimEnd();
    }

    private static bool Walk(DirectoryInfo directory, string root, int level, int depth, List<(string, FileSystemInfo, int)> entries)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var info in directory.EnumerateFileSystemInfos("*", options).OrderBy(i => i is FileInfo).ThenBy(i => i.Name, StringComparer.Ordinal))
        {
            if (entries.Count >= MaxEntries)
            {
                return true;
            }

            entries.Add((Path.GetRelativePath(root, info.FullName).Replace(Path.DirectorySeparatorChar, '/'), info, level));
            if (info is DirectoryInfo sub && info.LinkTarget is null && level < depth && Walk(sub, root, level + 1, depth, entries))
            {
                return true;
            }
        }

        return false;
    }

    public static string Count(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };
}
