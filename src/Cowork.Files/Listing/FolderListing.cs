using System.Globalization;
using System.Text;

namespace Cowork.Files;

/// <summary>A folder described for the model: a summary (counts by kind, sizes, dates) and a paged tree of entries.</summary>
public static class FolderListing
{
    public const int PageSize = 200;
    private const int MaxEntries = 100_000;

    public static string Describe(IFolderRoot root, RelativePath folder, string displayPath, int depth, int page)
    {
        ArgumentNullException.ThrowIfNull(root);
        var status = root.Stat(folder) ?? throw new ToolException($"{displayPath} does not exist.");
        if (status.Kind != EntryKind.Directory)
        {
            throw new ToolException($"{displayPath} is a {(status.Kind == EntryKind.File ? "file" : "link or special file")}, not a folder.");
        }

        depth = Math.Clamp(depth, 1, 5);
        var entries = new List<(string Relative, EntryStatus Status, int Level)>();
        var truncated = Walk(root, folder, folder, 1, depth, entries);
        var files = entries.Where(e => e.Status.Kind == EntryKind.File).ToList();
        var folders = entries.Count(e => e.Status.Kind == EntryKind.Directory);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{displayPath}: {Count(files.Count, "file")} and {Count(folders, "folder")}{(depth > 1 ? $" (to depth {depth})" : "")}, {Size(files.Sum(f => f.Status.Size))} in all.");
        if (files.Count > 0)
        {
            var kinds = files.GroupBy(f => FileKinds.CategoryOf(f.Relative))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()} ({Size(g.Sum(f => f.Status.Size))})");
            text.AppendLine(CultureInfo.InvariantCulture, $"By kind: {string.Join(", ", kinds)}.");
            var oldest = files.Min(f => f.Status.Modified).LocalDateTime;
            var newest = files.Max(f => f.Status.Modified).LocalDateTime;
            text.AppendLine(CultureInfo.InvariantCulture, $"Modified between {oldest:yyyy-MM-dd} and {newest:yyyy-MM-dd}.");
            var largest = files.MaxBy(f => f.Status.Size);
            text.AppendLine(CultureInfo.InvariantCulture, $"Largest file: {largest.Relative} ({Size(largest.Status.Size)}).");
        }

        if (truncated)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"(Listing stopped at {MaxEntries:N0} entries.)");
        }

        var pages = Math.Max(1, (entries.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Entries, page {page} of {pages} (name, size, modified, kind):");
        foreach (var (relative, entry, level) in entries.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var indent = new string(' ', 2 * level);
            text.AppendLine(entry.Kind switch
            {
                EntryKind.Directory => $"{indent}{relative}/",
                EntryKind.SymbolicLink => $"{indent}{relative} -> link (not followed)",
                EntryKind.Special => $"{indent}{relative} (special file: FIFO, socket or device)",
                _ => string.Create(CultureInfo.InvariantCulture,
                    $"{indent}{relative}  {Size(entry.Size)}  {entry.Modified.LocalDateTime:yyyy-MM-dd HH:mm}  {FileKinds.CategoryOf(relative)}"),
            });
        }

        if (page < pages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"More entries: call list_folder with page={page + 1}.");
        }

        return text.ToString().TrimEnd();
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

    private static bool Walk(IFolderRoot root, RelativePath top, RelativePath folder, int level, int depth, List<(string, EntryStatus, int)> entries)
    {
        var children = root.List(folder)
            .Where(e => !Workspace.IsInTrash(e.Path))
            .OrderBy(e => e.Status.Kind != EntryKind.Directory).ThenBy(e => e.Path.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (entries.Count >= MaxEntries)
            {
                return true;
            }

            var relative = string.Join('/', child.Path.Components.Skip(top.Components.Count).Select(c => Encoding.UTF8.GetString(c)));
            entries.Add((relative, child.Status, level));
            if (child.Status.Kind == EntryKind.Directory && level < depth && Walk(root, top, child.Path, level + 1, depth, entries))
            {
                return true;
            }
        }

        return false;
    }
}
