using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork.Files;

/// <summary>The file tools. Every path goes through the task's <see cref="Workspace"/>; every change through its journal.</summary>
public sealed class FileToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = context.Own(new Workspace(context.Folders, context.ProtectedPaths,
            w => new FileChanges(w, Path.Combine(context.DataDirectory, ChangeJournal.FileName), context.Events.TaskId, context.Events.Publish)));
        var tools = new FileTools(workspace, context.Events);
        yield return new ToolDescriptor(AIFunctionFactory.Create(tools.ListFolder, ToolNames.ListFolder,
            "List a folder: a summary (files by kind, total size, date range, largest file) and its entries with size, " +
            "modified time and kind, 200 per page. depth 1-5 (default 1)."), ToolEffects.Read);
        yield return new ToolDescriptor(AIFunctionFactory.Create(tools.OrganizeFolder, ToolNames.OrganizeFolder,
            "Move the loose files of a folder into subfolders by type (Images, Documents, Spreadsheets, …), by date " +
            "(2024/2024-03, from a date in the name or the modification time) or type_then_date. Never overwrites; " +
            "hidden files, links and unfinished downloads stay. Call with dry_run=true first to preview."),
            ToolEffects.Write, arguments => IsDryRun(arguments) ? ToolEffects.Read : ToolEffects.Write);
    }

    private static bool IsDryRun(AIFunctionArguments arguments) =>
        arguments.TryGetValue("dry_run", out var value) && value switch
        {
            bool flag => flag,
            string text => bool.TryParse(text, out var flag) && flag,
            JsonElement element => element.ValueKind == JsonValueKind.True
                || (element.ValueKind == JsonValueKind.String && bool.TryParse(element.GetString(), out var flag) && flag),
            _ => false,
        };

    private sealed class FileTools(Workspace workspace, EventPublisher events)
    {
        public string ListFolder(
            [Description("The folder: absolute, or relative to a granted folder.")] string path,
            [Description("How many levels to descend, 1-5.")] int depth = 1,
            [Description("Page of entries, from 1.")] int page = 1)
        {
            var folder = workspace.Resolve(path);
            return FolderListing.Describe(workspace.Root(folder), folder.Path, folder.FullPath, depth, page);
        }

        public string OrganizeFolder(
            [Description("The folder whose files to organize.")] string path,
            [Description("type, date or type_then_date.")] string by = "type",
            [Description("true: only show where each file would go.")] bool dry_run = false,
            CancellationToken cancellationToken = default)
        {
            var scheme = FolderOrganizer.ParseScheme(by);
            var folder = workspace.Resolve(path, forWriting: !dry_run);
            var root = workspace.Root(folder);
            if (root.Stat(folder.Path) is not { Kind: EntryKind.Directory })
            {
                throw new ToolException($"{path} is not a folder.");
            }

            var (moves, skipped) = FolderOrganizer.Plan(root, folder.Path, scheme);
            if (dry_run)
            {
                return FolderOrganizer.DescribePreview(folder.FullPath, folder.Path, scheme, moves, skipped);
            }

            var changes = workspace.Changes ?? throw new ToolException("This task cannot change files.");
            var result = FolderOrganizer.Apply(changes, folder, moves, cancellationToken);
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

            foreach (var failure in result.Failures.Take(50))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  failed: {failure}");
            }

            return text.ToString().TrimEnd();
        }
    }
}
