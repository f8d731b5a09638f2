using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork.Files;

/// <summary>
/// The file tools: reading (list, read, search, info), single changes (write, move, copy, make folder, delete) and
/// whole-job chores (organize, rename, duplicates). Every path goes through the task's <see cref="Workspace"/>;
/// every change through its journal, so <c>cowork undo</c> reverses it.
/// </summary>
public sealed class FileToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workspace = Workspace.ForTask(context);
        var read = new ReadingTools(workspace);
        var change = new ChangingTools(workspace);
        var chores = new ChoreTools(workspace, context.Events);
        return
        [
            Tool(read.ListFolder, ToolNames.ListFolder, ToolEffects.Read,
                "List a folder: a summary (files by kind, size, date range) and entries with size, modified time and kind, 200 per page."),
            Tool(read.ReadFile, ToolNames.ReadFile, ToolEffects.Read,
                "Read a text file by lines (encoding detected); binary files are described instead."),
            Tool(read.SearchFiles, ToolNames.SearchFiles, ToolEffects.Read,
                "Find files under a folder by name pattern (*, ?; 'sub/*.txt' matches paths) and optionally lines containing text."),
            Tool(read.FileInfo, ToolNames.FileInfo, ToolEffects.Read,
                "A file's kind, size, dates (photo taken, document created, name, modified) and photo metadata."),
            Tool(change.WriteFile, ToolNames.WriteFile, ToolEffects.Write,
                "Write a text file atomically; an existing one only with overwrite=true."),
            Tool(change.MovePath, ToolNames.MovePath, ToolEffects.Write,
                "Move or rename a file or folder within a granted folder; never overwrites."),
            Tool(change.CopyFile, ToolNames.CopyFile, ToolEffects.Write, "Copy a file to a new path inside a granted folder; never overwrites."),
            Tool(change.MakeFolder, ToolNames.MakeFolder, ToolEffects.Write, "Make a folder, and any missing parent folders, inside a granted folder."),
            Tool(change.DeleteFile, ToolNames.DeleteFile, ToolEffects.Delete,
                "Delete a file: it is moved to the task's trash, not erased."),
            Tool(chores.OrganizeFolder, ToolNames.OrganizeFolder, ToolEffects.Write,
                "Move a folder's loose files into subfolders by type (Images, Documents, …), date (2024/2024-03: photo, document, " +
                "name or modified date) or type_then_date. Never overwrites; hidden files, links, partial downloads stay. Preview with dry_run=true.",
                DryRunReads),
            Tool(chores.RenameFiles, ToolNames.RenameFiles, ToolEffects.Write,
                "Rename a folder's files by pattern: {date} (YYYY-MM-DD from photo/document/name/modified), {year} {month} {day} " +
                "{name} {n} {n:000} {ext}; case keep, lower or slug. Never overwrites. Preview with dry_run=true.",
                DryRunReads),
            Tool(chores.FindDuplicates, ToolNames.FindDuplicates, ToolEffects.Write,
                "Find files with identical content (the oldest is kept). With move_to (a folder name) and dry_run=false, moves the copies there.",
                arguments => ToolArguments.Flag(arguments, "dry_run") || !arguments.TryGetValue("move_to", out var to) || to is null or "" || to is JsonElement { ValueKind: JsonValueKind.Null }
                    ? ToolEffects.Read : ToolEffects.Write),
        ];
    }

    /// <summary>Reverses, from the task's change journal, the batches the cut-off call had begun.</summary>
    public string? RollBackInterruptedCall(ToolContext context, string callId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var journal = Path.Combine(context.DataDirectory, ChangeJournal.FileName);
        if (!File.Exists(journal))
        {
            return null;
        }

        var steps = ChangeUndo.Run(journal, dryRun: false, onlyCall: callId);
        var reversed = steps.Count(s => s.Outcome == UndoOutcome.Reversed);
        var kept = steps.Count(s => s.Outcome is UndoOutcome.Conflict or UndoOutcome.Failed);
        return steps.Count == 0 ? null : $"reversed the {reversed} change(s) it had made" + (kept > 0 ? $" ({kept} could not be reversed and were kept)" : "");
    }

    private static ToolDescriptor Tool(Delegate method, string name, ToolEffects effects, string description, Func<AIFunctionArguments, ToolEffects>? effectsOfCall = null) =>
        new(AIFunctionFactory.Create(method, name, description), effects, effectsOfCall);

    private static ToolEffects DryRunReads(AIFunctionArguments arguments) => ToolArguments.Flag(arguments, "dry_run") ? ToolEffects.Read : ToolEffects.Write;

}
