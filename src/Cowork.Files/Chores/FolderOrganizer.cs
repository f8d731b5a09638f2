using System.Globalization;
using System.Text;

namespace Cowork.Files;

/// <summary>Plans and carries out the arrangement of a folder's loose files into category and/or date folders.</summary>
/// <remarks>
/// Dates come from <see cref="ContentDates"/>: EXIF, document properties, the name, the modification time.
/// Only files directly in the folder move; existing subfolders, hidden files, links, special files and unfinished
/// downloads stay. Nothing is ever overwritten: a name already taken gets " (2)", " (3)", … before its extension.
/// Every move is journaled, so <c>cowork undo</c> puts each file back.
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

    /// <summary>Where each loose file of <paramref name="folder"/> would go, and what stays (with the reason).</summary>
    public static (IReadOnlyList<PlannedMove> Moves, IReadOnlyList<string> Skipped) Plan(IFolderRoot root, RelativePath folder, OrganizeScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(root);
        var moves = new List<PlannedMove>();
        var skipped = new List<string>();
        foreach (var entry in root.List(folder).OrderBy(e => e.Path.Name, StringComparer.Ordinal))
        {
            var name = entry.Path.Name;
            var skip = entry.Status.Kind switch
            {
                EntryKind.Directory => "",
                EntryKind.SymbolicLink => "a link",
                EntryKind.Special => "a special file",
                _ when name.StartsWith('.') => "hidden",
                _ when FileKinds.IsIncomplete(name) => "still downloading",
                _ => null,
            };
            if (skip is not null)
            {
                if (skip.Length > 0)
                {
                    skipped.Add($"{name}: {skip}");
                }

                continue;
            }

            var category = FileKinds.CategoryOf(name);
            var (date, source) = scheme == OrganizeScheme.Type ? (default, "") : ContentDates.Of(root, entry.Path, entry.Status);
            var dateFolder = $"{date.ToString("yyyy", CultureInfo.InvariantCulture)}/{date.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
            var (target, reason) = scheme switch
            {
                OrganizeScheme.Type => (category, ""),
                OrganizeScheme.Date => (dateFolder, $"date from {source}"),
                _ => ($"{category}/{dateFolder}", $"date from {source}"),
            };
            moves.Add(new PlannedMove(entry.Path, Combine(folder, target), reason));
        }

        return (moves, skipped);
    }

    public static string DescribePreview(string displayFolder, RelativePath folder, OrganizeScheme scheme, IReadOnlyList<PlannedMove> moves, IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(skipped);
        var text = new StringBuilder();
        var folders = moves.Select(m => m.TargetFolder).Distinct().Count();
        text.Append(CultureInfo.InvariantCulture, $"Preview: {moves.Count} files would move into {folders} folders in {displayFolder} (by {Name(scheme)}); {skipped.Count} stay where they are.");
        text.AppendLine().AppendLine();
        foreach (var group in moves.GroupBy(m => Inside(folder, m.TargetFolder)).OrderBy(g => g.Key, StringComparer.Ordinal).Take(PreviewLines))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}/: {group.Count()} file{(group.Count() == 1 ? "" : "s")}");
        }

        if (moves.Count > 0)
        {
            text.AppendLine().AppendLine("Moves:");
            foreach (var move in moves.Take(PreviewLines))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {move.Source.Name} -> {Inside(folder, move.TargetFolder)}/{(move.Reason.Length > 0 ? $"  ({move.Reason})" : "")}");
            }

            if (moves.Count > PreviewLines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  … and {moves.Count - PreviewLines} more");
            }
        }

        if (skipped.Count > 0)
        {
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

        return text.ToString().TrimEnd();
    }

    /// <summary>Moves the planned files through the journal; a failure for one file does not stop the others.</summary>
    public static OrganizeResult Apply(FileChanges changes, ResolvedPath folder, IReadOnlyList<PlannedMove> moves, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(moves);
        var requests = moves.Select(m => new MoveRequest(folder.With(m.Source), m.TargetFolder, m.Source.NameBytes.ToArray())).ToList();
        var outcomes = changes.MoveMany(requests, cancellationToken);
        var moved = outcomes.Where(o => o.Moved).ToList();
        var perFolder = moved.GroupBy(o => Inside(folder.Path, o.Request.ToFolder), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new OrganizeResult(moved.Count, perFolder.Count,
            outcomes.Where(o => !o.Moved).Select(o => $"{o.Request.From.Path.Name}: {o.Error}").ToList(), perFolder);
    }

    public static string Name(OrganizeScheme scheme) => scheme switch
    {
        OrganizeScheme.Date => "date",
        OrganizeScheme.TypeThenDate => "type, then date",
        _ => "type",
    };

    private static RelativePath Combine(RelativePath folder, string relative)
    {
        var path = folder;
        foreach (var part in relative.Split('/'))
        {
            path = path.Append(part);
        }

        return path;
    }

    /// <summary><paramref name="target"/> relative to <paramref name="folder"/>, for display.</summary>
    private static string Inside(RelativePath folder, RelativePath target) =>
        string.Join('/', target.Components.Skip(folder.Components.Count).Select(c => Encoding.UTF8.GetString(c)));
}
