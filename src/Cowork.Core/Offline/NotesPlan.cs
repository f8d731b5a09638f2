using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// The offline planner's notes jobs: read the notes into their structure (summarize_notes, which also returns the
/// deck or report spec), plan, and after approval write the deck or report (create_presentation /
/// create_document, which check and render it before writing).
/// </summary>
internal static partial class NotesPlan
{
    // summarize_notes' output format (AuthoringTools.SpecMarker and PathMarker in Cowork.Documents, which Core cannot reference).
    private const string SpecMarker = "Spec for ";
    private const string PathMarker = "Suggested path: ";

    /// <summary>The notes job a request asks for, or null.</summary>
    /// <exception cref="ToolException">It asks for one but no folder is granted, or the folder is read-only.</exception>
    public static NotesJobIntent? Recognize(string request, IReadOnlyList<FolderGrant> folders)
    {
        var text = request.ToLowerInvariant();
        if (!NotesWords().IsMatch(text) || !MakeWords().IsMatch(text))
        {
            return null;
        }

        var deck = DeckWords().IsMatch(text);
        var report = ReportWords().IsMatch(text);
        if (deck == report)
        {
            return null;
        }

        if (folders.Count == 0)
        {
            throw new ToolException("No folder is granted to this task. Grant the folder with the notes with --folder DIR and ask again.");
        }

        var folder = folders.FirstOrDefault(f => f.Access == FolderAccess.ReadWrite)
            ?? throw new ToolException($"{folders[0].Path} is granted read-only, so the {(report ? "report" : "deck")} cannot be written there. Grant it read-write and ask again.");
        var named = NotesFile().Match(request);
        var source = named.Success ? Path.Combine(folder.Path, named.Groups["quoted"].Success ? named.Groups["quoted"].Value : named.Groups["bare"].Value) : folder.Path;
        return new NotesJobIntent(folder, source, report);
    }

    public static ChatResponse Next(NotesJobIntent job, OfflineConversation conversation, OfflineTurn turn)
    {
        string[] steps = ["Read the notes", $"Structure the {job.Kind}: topics, figures, decisions, action items", $"Write the {job.Kind} and check it (validator, render)"];
        var summary = conversation.LastResult(ToolNames.SummarizeNotes);
        if (summary is null)
        {
            return turn.Plan(steps, 0).Call(ToolNames.SummarizeNotes, new() { ["path"] = job.Source, ["output"] = job.Kind }).Build();
        }

        var specAt = summary.IndexOf(SpecMarker, StringComparison.Ordinal);
        var pathLine = summary.Split('\n').FirstOrDefault(l => l.StartsWith(PathMarker, StringComparison.Ordinal));
        var updates = conversation.CallsTo(ToolNames.UpdatePlan).Count();
        if (specAt < 0 || pathLine is null)
        {
            return updates < 2 ? turn.Plan(steps, 0, skipFrom: 1, failedAt: 0).Build() : Say($"Could not read the notes: {summary.Split('\n')[0]}");
        }

        var path = pathLine[PathMarker.Length..].Trim();
        var spec = summary[(summary.IndexOf('\n', specAt) + 1)..];
        var overview = summary[..summary.IndexOf(PathMarker, StringComparison.Ordinal)].Trim();
        if (!conversation.PlanApproved)
        {
            return updates < 2
                ? turn.Plan(steps, 2).Build()
                : Say($"Plan: write the {job.Kind} {path} from the notes. Nothing changes until you approve.\n\n{overview}");
        }

        var written = conversation.LastResult(job.CreateTool);
        if (written is null)
        {
            return turn.Plan(steps, 2, inProgress: true).Call(job.CreateTool, new() { ["path"] = path, ["spec"] = spec }).Build();
        }

        var ok = written.StartsWith("Wrote ", StringComparison.Ordinal);
        if (updates < 4)
        {
            return turn.Plan(steps, steps.Length, failedAt: ok ? null : 2).Build();
        }

        return ok
            ? Say($"Done. {written.Trim()}\n\n{overview}\n\nNothing was overwritten. `cowork undo` with the task id below removes the {job.Kind}.")
            : Say($"The {job.Kind} was not written: {written.Trim()}");
    }

    private static ChatResponse Say(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { ModelId = OfflinePlannerChatClient.ModelId, FinishReason = ChatFinishReason.Stop };

    [GeneratedRegex(@"\b(notes?|minutes|meeting|meetings|transcripts?)\b")]
    private static partial Regex NotesWords();

    [GeneratedRegex(@"\b(make|create|build|write|draft|turn|prepare|produce|put together|generate|give me|convert)\b")]
    private static partial Regex MakeWords();

    [GeneratedRegex(@"\b(presentation|deck|slides?|slideshow|slide deck|powerpoint|pptx)\b")]
    private static partial Regex DeckWords();

    [GeneratedRegex(@"\b(report|document|write-?up|word doc(ument)?|docx|memo)\b")]
    private static partial Regex ReportWords();

    [GeneratedRegex(@"[""'“](?<quoted>[^""'”]+\.(?:md|markdown|txt))[""'”]|(?<bare>[\p{L}\p{N}_.-]+\.(?:md|markdown|txt))\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotesFile();
}
