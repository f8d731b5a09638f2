using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// The built-in deterministic planner: a "model" with no weights that serves the everyday requests it recognizes
/// by writing the same plan and calling the same tools a real model would, through the same agent loop.
/// </summary>
/// <remarks>
/// Stateless: each turn is decided from the conversation alone (the request, the granted folders in the system
/// prompt, the calls made and their results, and whether the plan was approved), so it resumes like a model does.
/// For requests it does not understand it fails with <see cref="ModelFailureKind.NeedsModel"/> and says how to configure a model.
/// </remarks>
public sealed partial class OfflinePlannerChatClient : WholeResponseChatClient
{
    public const string ModelId = "offline-planner";

    internal const string NeedsModelMessage =
        "The offline planner does not understand this request. Offline, Cowork can describe a folder (\"what is in this folder\"), " +
        "organize files by type and/or date, rename files by date or number, find duplicates, make a deck or a report from meeting notes, make an expense report from receipts, and analyze a data file (\"analyze sales.csv: outliers, revenue by region and month, trend chart\"). For anything else, use a model: --model anthropic:claude-sonnet-4-5 with ANTHROPIC_API_KEY set, " +
        "or --model ollama:llama3.1 with Ollama running (see the README).";

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = new OfflineConversation(messages);
        RequestIntent? intent;
        try
        {
            intent = RequestIntentParser.Parse(conversation.Request, conversation.Folders);
        }
        catch (ToolException ex)
        {
            return Task.FromResult(Say(ex.Message));
        }

        var turn = new OfflineTurn(conversation);
        var response = intent switch
        {
            DescribeFolderIntent describe => DescribeFolder(describe, conversation, turn),
            FindDuplicatesIntent duplicates => FindDuplicates(duplicates, conversation, turn),
            ExpenseReportIntent report => ExpenseReportPlan.Respond(report, conversation, turn),
            PreviewedJobIntent job => PreviewedJob(job, conversation, turn),
            NotesJobIntent notes => NotesPlan.Next(notes, conversation, turn),
            AnalyzeDataIntent analysis => AnalysisPlan.Next(analysis, conversation, turn, Say),
            _ => throw new ModelException(ModelFailureKind.NeedsModel, NeedsModelMessage),
        };
        return Task.FromResult(response);
    }

    private static ChatResponse DescribeFolder(DescribeFolderIntent intent, OfflineConversation conversation, OfflineTurn turn)
    {
        string[] steps = ["List the folder's contents", "Summarize what is there"];
        var listing = conversation.LastResult(ToolNames.ListFolder);
        if (listing is null)
        {
            return turn.Plan(steps, 0).Call(ToolNames.ListFolder, new() { ["path"] = intent.Folder.Path, ["depth"] = 2 }).Build();
        }

        if (conversation.CallsTo(ToolNames.UpdatePlan).Count() < 2)
        {
            return turn.Plan(steps, steps.Length).Build();
        }

        return Say($"Here is what is in {intent.Folder.Path}:\n\n{SummaryOf(listing)}");
    }

    private static ChatResponse FindDuplicates(FindDuplicatesIntent intent, OfflineConversation conversation, OfflineTurn turn)
    {
        string[] steps = ["Look for files with identical content", "Report them"];
        var found = conversation.LastResult(ToolNames.FindDuplicates);
        if (found is null)
        {
            return turn.Plan(steps, 0).Call(ToolNames.FindDuplicates, new() { ["path"] = intent.Folder.Path }).Build();
        }

        if (conversation.CallsTo(ToolNames.UpdatePlan).Count() < 2)
        {
            return turn.Plan(steps, steps.Length).Build();
        }

        return Say($"{found}\n\nNothing was moved. To move the copies aside, ask: \"move the duplicates aside\".");
    }

    /// <summary>Survey, preview (the tool's dry run), approval, the job, a check: organize, rename, duplicates aside.</summary>
    private static ChatResponse PreviewedJob(PreviewedJobIntent job, OfflineConversation conversation, OfflineTurn turn)
    {
        var path = job.Folder.Path;
        string[] steps = ["Survey the folder", "Preview the changes", job.Step, "Check the result"];
        static bool IsDryRun(FunctionCallContent call) =>
            call.Arguments?.TryGetValue("dry_run", out var v) == true && v is true or "true" or System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.True };

        if (!conversation.PlanApproved)
        {
            if (conversation.LastResult(ToolNames.ListFolder) is null)
            {
                return turn.Plan(steps, 0).Call(ToolNames.ListFolder, new() { ["path"] = path, ["depth"] = 1 }).Build();
            }

            var preview = conversation.LastResult(job.Tool, IsDryRun);
            if (preview is null)
            {
                return turn.Plan(steps, 1, inProgress: true).Call(job.Tool, job.Arguments(dryRun: true)).Build();
            }

            if (PreviewCount().Match(preview) is not { Success: true } count)
            {
                // The preview was refused or failed ("Not run: …", "Error: …"): say so; nothing is planned to change.
                return conversation.CallsTo(ToolNames.UpdatePlan).Count() < 3
                    ? turn.Plan(steps, 1, skipFrom: 2, failedAt: 1).Build()
                    : Say($"Could not preview the changes in {path}: {preview.Split('\n')[0]}");
            }

            var toChange = int.Parse(count.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (toChange == 0)
            {
                return conversation.CallsTo(ToolNames.UpdatePlan).Count() < 3
                    ? turn.Plan(steps, steps.Length, skipFrom: 2).Build()
                    : Say($"Nothing needs to change in {path}.\n\n{preview}");
            }

            return conversation.CallsTo(ToolNames.UpdatePlan).Count() < 3
                ? turn.Plan(steps, 2).Build()
                : Say($"Plan: {job.Describe(toChange)}. Nothing changes until you approve.\n\n{preview}");
        }

        var applied = conversation.LastResult(job.Tool, c => !IsDryRun(c));
        if (applied is null)
        {
            return turn.Plan(steps, 2, inProgress: true).Call(job.Tool, job.Arguments(dryRun: false)).Build();
        }

        // Nothing changed: the files failed one by one ("Moved 0 files … 6 failed.") or the call failed as a whole ("Error: …").
        var failed = !ChangedAny().IsMatch(applied);
        var checks = conversation.CallsTo(ToolNames.ListFolder).Count();
        if (checks < 2)
        {
            return turn.Plan(steps, 3, inProgress: true, failedAt: failed ? 2 : null)
                .Call(ToolNames.ListFolder, new() { ["path"] = path, ["depth"] = 1 }).Build();
        }

        if (conversation.CallsTo(ToolNames.UpdatePlan).Count() < 6)
        {
            return turn.Plan(steps, steps.Length, failedAt: failed ? 2 : null).Build();
        }

        var listing = SummaryOf(conversation.LastResult(ToolNames.ListFolder) ?? "");
        return failed
            ? Say($"The files in {path} could not be changed: {applied.Split('\n')[0]}\n\n{listing}")
            : Say($"Done. {string.Join('\n', applied.Split('\n').Where(l => l.StartsWith("Moved", StringComparison.Ordinal) || l.StartsWith("Renamed", StringComparison.Ordinal)))}\n" +
                $"Nothing was overwritten or deleted. Every change is journaled: `cowork undo` with the task id below puts each file back.\n\n{listing}");
    }

    /// <summary>The summary block at the top of a list_folder result (up to the first blank line).</summary>
    private static string SummaryOf(string listing)
    {
        var end = listing.IndexOf("\n\n", StringComparison.Ordinal);
        return end < 0 ? listing : listing[..end];
    }

    internal static ChatResponse Say(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { ModelId = ModelId, FinishReason = ChatFinishReason.Stop };

    [GeneratedRegex(@"(\d+) (?:files?|copies) would")]
    private static partial Regex PreviewCount();

    [GeneratedRegex(@"(Moved|Renamed) [1-9]\d* ")]
    private static partial Regex ChangedAny();
}
