using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace Cowork.Files;

/// <summary>Whole jobs over many files, one call each, with a preview (dry_run) before anything moves.</summary>
internal sealed class ChoreTools(Workspace workspace, EventPublisher events)
{
    private const int Shown = 60;

    private FileChanges Changes => workspace.Changes ?? throw new ToolException("This task cannot change files.");

    public string OrganizeFolder(
        [Description("The folder whose files to organize.")] string path,
        [Description("type, date or type_then_date.")] string by = "type",
        [Description("true: only show where each file would go.")] bool dry_run = false,
        CancellationToken cancellationToken = default)
    {
        var scheme = FolderOrganizer.ParseScheme(by);
        var (folder, root) = Folder(path, forWriting: !dry_run);
        var (moves, skipped) = FolderOrganizer.Plan(root, folder.Path, scheme);
        if (dry_run)
        {
            return FolderOrganizer.DescribePreview(folder.FullPath, folder.Path, scheme, moves, skipped);
        }

        var result = FolderOrganizer.Apply(Changes, folder, moves, cancellationToken);
        if (result.Moved > 0)
        {
            events.Publish(new DeliverableAdded(folder.FullPath, $"Organized by {FolderOrganizer.Name(scheme)}: {result.Moved} files in {result.Folders} folders"));
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Moved {result.Moved} files into {result.Folders} folders in {folder.FullPath}.");
        if (result.Failures.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {result.Failures.Count} failed.");
        }

        text.AppendLine().AppendLine();
        foreach (var (target, count) in result.PerFolder.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {target}/: {count}");
        }

        AppendFailures(text, result.Failures);
        return text.ToString().TrimEnd();
    }

    public string RenameFiles(
        [Description("The folder whose files to rename.")] string path,
        [Description("The new name, e.g. \"{date} {name}\" or \"Trip {n:000}\".")] string pattern = BatchRenamer.DefaultPattern,
        [Description("Which files: globs separated by ;, e.g. *.jpg;*.png (default all).")] string match = "*",
        [Description("keep, lower or slug.")] string letter_case = "keep",
        [Description("true: only show the new names.")] bool dry_run = false,
        CancellationToken cancellationToken = default)
    {
        var (folder, root) = Folder(path, forWriting: !dry_run);
        var renames = BatchRenamer.Plan(root, folder.Path, pattern, match, letter_case);
        var text = new StringBuilder();
        if (dry_run)
        {
            text.Append(CultureInfo.InvariantCulture, $"Preview: {renames.Count} files would be renamed in {folder.FullPath}.");
            text.AppendLine();
            foreach (var rename in renames.Take(Shown))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {rename.Source.Name} -> {rename.NewName}  (date from {rename.DateSource})");
            }

            if (renames.Count > Shown)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  … and {renames.Count - Shown} more");
            }

            return text.ToString().TrimEnd();
        }

        var outcomes = Changes.MoveMany(
            [.. renames.Select(r => new MoveRequest(folder.With(r.Source), folder.Path, Encoding.UTF8.GetBytes(r.NewName)))], cancellationToken);
        var renamed = outcomes.Where(o => o.Moved).ToList();
        if (renamed.Count > 0)
        {
            events.Publish(new DeliverableAdded(folder.FullPath, $"Renamed {renamed.Count} files"));
        }

        text.Append(CultureInfo.InvariantCulture, $"Renamed {renamed.Count} files in {folder.FullPath}.");
        var failures = outcomes.Where(o => !o.Moved).Select(o => $"{o.Request.From.Path.Name}: {o.Error}").ToList();
        if (failures.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {failures.Count} failed.");
        }

        text.AppendLine();
        foreach (var outcome in renamed.Take(Shown))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {outcome.Request.From.Path.Name} -> {outcome.Destination!.Path.Name}");
        }

        AppendFailures(text, failures);
        return text.ToString().TrimEnd();
    }

    public string FindDuplicates(
        [Description("The folder to search.")] string path,
        [Description("Search subfolders too.")] bool recursive = true,
        [Description("Optional folder name (inside path) to move the copies to, e.g. Duplicates.")] string? move_to = null,
        [Description("true: only report, even with move_to.")] bool dry_run = false,
        CancellationToken cancellationToken = default)
    {
        var moving = !string.IsNullOrWhiteSpace(move_to) && !dry_run;
        var (folder, root) = Folder(path, forWriting: moving);
        RelativePath? aside = null;
        if (!string.IsNullOrWhiteSpace(move_to))
        {
            try
            {
                aside = folder.Path.Append(move_to.Trim());
            }
            catch (ArgumentException)
            {
                throw new ToolException($"move_to must be one folder name inside {folder.FullPath}, like Duplicates.");
            }
        }

        var groups = DuplicateFinder.Find(root, folder.Path, recursive, aside, cancellationToken);
        var copies = groups.Sum(g => g.Copies.Count);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{groups.Count} groups of identical files in {folder.FullPath}: {copies} copies, {FolderListing.Size(groups.Sum(g => g.Size * g.Copies.Count))} that could be freed.");
        text.AppendLine();
        foreach (var group in groups.Take(Shown))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  keep {FileSearch.Relative(folder.Path, group.Keep)} ({FolderListing.Size(group.Size)}); copies: {string.Join(", ", group.Copies.Select(c => FileSearch.Relative(folder.Path, c)))}");
        }

        if (aside is not null && !moving)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Preview: {copies} copies would move to {folder.With(aside).FullPath}.");
        }

        if (!moving || aside is null || copies == 0)
        {
            return text.ToString().TrimEnd();
        }

        var outcomes = Changes.MoveMany([.. groups.SelectMany(g => g.Copies).Select(c => new MoveRequest(folder.With(c), aside, c.NameBytes.ToArray()))], cancellationToken);
        var moved = outcomes.Count(o => o.Moved);
        if (moved > 0)
        {
            events.Publish(new DeliverableAdded(folder.With(aside).FullPath, $"{moved} duplicate files moved aside"));
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Moved {moved} copies to {folder.With(aside).FullPath} (undo puts them back).");
        AppendFailures(text, [.. outcomes.Where(o => !o.Moved).Select(o => $"{o.Request.From.Path.Name}: {o.Error}")]);
        return text.ToString().TrimEnd();
    }

    private (ResolvedPath Folder, IFolderRoot Root) Folder(string path, bool forWriting)
    {
        var folder = workspace.Resolve(path, forWriting);
        var root = workspace.Root(folder);
        if (root.Stat(folder.Path) is not { Kind: EntryKind.Directory })
        {
            throw new ToolException($"{path} is not a folder.");
        }

        return (folder, root);
    }

    private static void AppendFailures(StringBuilder text, IReadOnlyList<string> failures)
    {
        foreach (var failure in failures.Take(50))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  failed: {failure}");
        }
    }
}
