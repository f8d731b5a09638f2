using System.Globalization;
using System.Text;

namespace Cowork.Files;

/// <summary>Plans and carries out the arrangement of a folder's loose files into category and/or date folders.</summary>
/// <remarks>
/// Only files directly in the folder move; existing subfolders, hidden files, links and unfinished downloads stay.
/// Nothing is ever overwritten: a name already taken gets " (2)", " (3)", … before its extension.
/// </remarks>
public static class FolderOrganizer
{
    private const int PreviewLines = 60;

    public static OrganizeScheme ParseScheme(string? by) => (by ?? "type").Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_') switch
    {
        "type" or "kind" or "category" => OrganizeScheme.Type,
        "date" or "month" or "year" => OrganizeScheme.Date,
        "type_then_date" or "type_and_date" or "both" => OrganizeScheme.TypeThenDate,
        _ => throw new ToolException($"'{by}' is not a way to organize: use type, date or type_then_date."),
    };

    /// <summary>Where each loose file would go, and what stays (with the reason).</summary>
    public static (IReadOnlyList<PlannedMove> Moves, IReadOnlyList<string> Skipped) Plan(string folder, OrganizeScheme scheme)
    {
        var moves = new List<PlannedMove>();
        var skipped = new List<string>();
        var directory = new DirectoryInfo(folder);
        foreach (var file in directory.EnumerateFiles("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (file.Name.StartsWith('.'))
            {
                skipped.Add($"{file.Name}: hidden");
                continue;
            }

            if (file.LinkTarget is not null)
            {
                skipped.Add($"{file.Name}: a link");
                continue;
            }

            if (FileKinds.IsIncomplete(file.Name))
            {
                skipped.Add($"{file.Name}: still downloading");
                continue;
            }

            var category = FileKinds.CategoryOf(file.Name);
            var (date, source) = FileDates.DateOf(file);
            var dateFolder = Path.Combine(date.ToString("yyyy", CultureInfo.InvariantCulture), date.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            var (target, reason) = scheme switch
            {
                OrganizeScheme.Type => (category, ""),
                OrganizeScheme.Date => (dateFolder, $"date from {source}"),
                _ => (Path.Combine(category, dateFolder), $"{category}, date from {source}"),
            };
            moves.Add(new PlannedMove(file.FullName, target, reason));
        }

        return (moves, skipped);
    }

    public static string DescribePreview(string folder, OrganizeScheme scheme, IReadOnlyList<PlannedMove> moves, IReadOnlyList<string> skipped)
    {
        var text = new StringBuilder();
        var folders = moves.Select(m => m.TargetFolder).Distinct(StringComparer.Ordinal).Count();
        text.Append(CultureInfo.InvariantCulture, $"Preview: {moves.Count} files would move into {folders} folders in {folder} (by {Name(scheme)}); {skipped.Count} stay where they are.");
        text.AppendLine().AppendLine();
        AppendTargets(text, moves);
        if (moves.Count > 0)
        {
            text.AppendLine().AppendLine("Moves:");
            foreach (var move in moves.Take(PreviewLines))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {Path.GetFileName(move.Source)} -> {Slash(move.TargetFolder)}/{(move.Reason.Length > 0 ? $"  ({move.Reason})" : "")}");
            }

            if (moves.Count > PreviewLines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  … and {moves.Count - PreviewLines} more");
            }
        }

        AppendSkipped(text, skipped);
        return text.ToString().TrimEnd();
    }

    /// <summary>Moves the planned files, reporting each change; a failure for one file does not stop the others.</summary>
    public static OrganizeResult Apply(string folder, IReadOnlyList<PlannedMove> moves, Action<FileChanged> onChange, CancellationToken cancellationToken = default)
    {
        var moved = new List<(PlannedMove Move, string Destination)>();
        var failed = new List<string>();
        var createdFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var move in moves)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var targetDirectory = Path.Combine(folder, move.TargetFolder);
                CreateFolders(folder, move.TargetFolder, createdFolders, onChange);
                var destination = MoveWithoutOverwrite(move.Source, targetDirectory);
                onChange(new FileChanged(FileChangeKind.Moved, destination, move.Source));
                moved.Add((move, destination));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed.Add($"{Path.GetFileName(move.Source)}: {ex.Message}");
            }
        }

        return new OrganizeResult(moved.Count, moved.Select(m => m.Move.TargetFolder).Distinct(StringComparer.Ordinal).Count(), createdFolders.Count, failed,
            moved.GroupBy(m => m.Move.TargetFolder, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    public static string Name(OrganizeScheme scheme) => scheme switch
    {
        OrganizeScheme.Date => "date",
        OrganizeScheme.TypeThenDate => "type, then date",
        _ => "type",
    };

    internal static void AppendTargets(StringBuilder text, IEnumerable<PlannedMove> moves)
    {
        foreach (var group in moves.GroupBy(m => m.TargetFolder, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Take(PreviewLines))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Slash(group.Key)}/: {group.Count()} file{(group.Count() == 1 ? "" : "s")}");
        }
    }

    private static void AppendSkipped(StringBuilder text, IReadOnlyList<string> skipped)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Staying:");
        foreach (var line in skipped.Take(20))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }

        if (skipped.Count > 20)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  … and {skipped.Count - 20} more");
        }
    }

    private static void CreateFolders(string root, string relative, HashSet<string> created, Action<FileChanged> onChange)
    {
        var current = root;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            if (Directory.Exists(current))
            {
                if (new DirectoryInfo(current).LinkTarget is not null)
                {
                    throw new IOException($"{Path.GetRelativePath(root, current)} is a link; not moving files through it.");
                }

                continue;
            }

            Directory.CreateDirectory(current);
            created.Add(current);
            onChange(new FileChanged(FileChangeKind.FolderCreated, current, null));
        }
    }

    private static string MoveWithoutOverwrite(string source, string targetDirectory)
    {
        var name = Path.GetFileNameWithoutExtension(source);
        var extension = Path.GetExtension(source);
        for (var n = 1; ; n++)
        {
            var candidate = Path.Combine(targetDirectory, n == 1 ? name + extension : $"{name} ({n}){extension}");
            if (Path.Exists(candidate))
            {
                continue;
            }

            try
            {
                File.Move(source, candidate, overwrite: false);
                return candidate;
            }
            catch (IOException) when (Path.Exists(candidate) && File.Exists(source))
            {
                // Someone took the name between the check and the move; try the next one.
            }
        }
    }

    private static string Slash(string path) => path.Replace(Path.DirectorySeparatorChar, '/');
}
