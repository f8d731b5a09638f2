using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>
/// The offline planner's decisions, turn by turn: it is driven with hand-built conversations (the system prompt, the
/// request, its own calls and made-up tool results) and must call the tools a real model would, in the same order.
/// </summary>
public sealed class OfflinePlannerTests
{
    private const string Downloads = "/home/ana/Downloads";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly FolderGrant[] Folders = [new(Downloads, FolderAccess.ReadWrite)];
    private readonly OfflinePlannerChatClient _planner = new();

    private const string Listing = "Downloads: 6 files, 0 folders, 3.1 MB\n  Images: 3, Documents: 2, Archives: 1\n\nfiles:\n  a.jpg\n  b.jpg\n  c.png\n  report.pdf\n  notes.docx\n  backup.zip";
    private const string Preview = $"Preview: 6 files would move into 3 folders in {Downloads} (by type, then date); 0 stay where they are.\n  a.jpg -> Images/2026/2026-03";
    private const string Applied = $"Moved 6 files into 3 folders in {Downloads} (5 folders created).";

    private static List<ChatMessage> Start(string request, params FolderGrant[] folders) =>
    [
        new(ChatRole.System, AgentPrompts.System(folders.Length == 0 ? Folders : folders, Now)),
        new(ChatRole.User, request),
    ];

    /// <summary>Asks the planner for its next turn, appends it, and answers its tool calls with <paramref name="results"/>.</summary>
    private async Task<IReadOnlyList<FunctionCallContent>> NextAsync(List<ChatMessage> conversation, Func<FunctionCallContent, string>? results = null)
    {
        var response = await _planner.GetResponseAsync(conversation);
        Assert.Equal(OfflinePlannerChatClient.ModelId, response.ModelId);
        conversation.AddRange(response.Messages);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop, response.FinishReason);
        if (calls.Count > 0)
        {
            results ??= Results();
            conversation.Add(new ChatMessage(ChatRole.Tool, [.. calls.Select(c => (AIContent)new FunctionResultContent(c.CallId, results(c)))]));
        }

        return calls;
    }

    /// <summary>Plausible results of the file tools, as the real ones word them.</summary>
    private static Func<FunctionCallContent, string> Results(string preview = Preview, string applied = Applied) => call => call.Name switch
    {
        ToolNames.UpdatePlan => "Plan saved.",
        ToolNames.ListFolder => Listing,
        ToolNames.OrganizeFolder => DryRun(call) ? preview : applied,
        _ => throw new InvalidOperationException($"Unexpected tool {call.Name}."),
    };

    private static bool DryRun(FunctionCallContent call) => call.Arguments!["dry_run"] is true;

    private static string LastText(List<ChatMessage> conversation) => conversation[^1].Text;

    private static string[] Statuses(FunctionCallContent planCall)
    {
        var json = JsonSerializer.SerializeToElement(planCall.Arguments!["steps"], AIJsonUtilities.DefaultOptions);
        return [.. json.EnumerateArray().Select(s => s.GetProperty("status").GetString()!)];
    }

    private static string[] Names(IReadOnlyList<FunctionCallContent> calls) => [.. calls.Select(c => c.Name)];

    [Fact]
    public async Task Describing_a_folder_lists_it_marks_the_plan_done_and_answers_with_the_summary()
    {
        var conversation = Start("what's in this folder?");

        var first = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan, ToolNames.ListFolder], Names(first));
        Assert.Equal(["in_progress", "pending"], Statuses(first[0]));
        Assert.Equal(Downloads, first[1].Arguments!["path"]);
        Assert.Equal(2, first[1].Arguments!["depth"]);

        var second = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan], Names(second));
        Assert.Equal(["done", "done"], Statuses(second[0]));

        Assert.Empty(await NextAsync(conversation));
        Assert.Equal($"Here is what is in {Downloads}:\n\nDownloads: 6 files, 0 folders, 3.1 MB\n  Images: 3, Documents: 2, Archives: 1", LastText(conversation));
    }

    [Fact]
    public async Task Organizing_previews_before_approval_and_moves_only_after_it()
    {
        var conversation = Start("Organize my Downloads folder by type and date");

        var survey = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan, ToolNames.ListFolder], Names(survey));
        Assert.Equal(1, survey[1].Arguments!["depth"]);

        var preview = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan, ToolNames.OrganizeFolder], Names(preview));
        Assert.Equal(["done", "in_progress", "pending", "pending"], Statuses(preview[0]));
        Assert.Equal(Downloads, preview[1].Arguments!["path"]);
        Assert.Equal("type_then_date", preview[1].Arguments!["by"]);
        Assert.True(DryRun(preview[1]));

        var planned = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan], Names(planned));
        Assert.Equal(["done", "done", "pending", "pending"], Statuses(planned[0]));

        // The planning turn ends with a description of the plan; nothing has moved.
        Assert.Empty(await NextAsync(conversation));
        Assert.StartsWith($"Plan: move 6 files in {Downloads} into type folders, then year and month. Nothing changes until you approve.", LastText(conversation), StringComparison.Ordinal);
        Assert.DoesNotContain(conversation.SelectMany(m => m.Contents).OfType<FunctionCallContent>(), c => c.Name == ToolNames.OrganizeFolder && !DryRun(c));

        conversation.Add(new ChatMessage(ChatRole.User, AgentPrompts.PlanApproved));

        var move = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan, ToolNames.OrganizeFolder], Names(move));
        Assert.Equal(["done", "done", "in_progress", "pending"], Statuses(move[0]));
        Assert.False(DryRun(move[1]));
        Assert.Equal("type_then_date", move[1].Arguments!["by"]);

        var check = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan, ToolNames.ListFolder], Names(check));
        Assert.Equal(["done", "done", "done", "in_progress"], Statuses(check[0]));

        var done = await NextAsync(conversation);
        Assert.Equal([ToolNames.UpdatePlan], Names(done));
        Assert.Equal(["done", "done", "done", "done"], Statuses(done[0]));

        Assert.Empty(await NextAsync(conversation));
        Assert.StartsWith($"Done. {Applied}", LastText(conversation), StringComparison.Ordinal);

        var ids = conversation.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("sort these files by month", "date")]
    [InlineData("tidy up this folder", "type")]
    [InlineData("Organize my Downloads folder by type and date", "type_then_date")]
    public async Task The_scheme_in_the_request_reaches_the_organize_call(string request, string by)
    {
        var conversation = Start(request);
        await NextAsync(conversation);

        var preview = await NextAsync(conversation);

        Assert.Equal(by, preview.Single(c => c.Name == ToolNames.OrganizeFolder).Arguments!["by"]);
    }

    [Fact]
    public async Task A_folder_that_is_already_organized_skips_the_moves_and_needs_no_approval()
    {
        var conversation = Start("tidy up this folder");
        var results = Results(preview: $"Preview: 0 files would move into 0 folders in {Downloads} (by type); 6 stay where they are.");
        await NextAsync(conversation, results);
        await NextAsync(conversation, results);

        var plan = await NextAsync(conversation, results);
        Assert.Equal(["done", "done", "skipped", "skipped"], Statuses(Assert.Single(plan)));

        Assert.Empty(await NextAsync(conversation, results));
        Assert.Contains("Nothing needs to change", LastText(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_that_failed_is_marked_failed_in_the_plan()
    {
        var conversation = Start("tidy up this folder");
        var results = Results(applied: $"Moved 0 files into 0 folders in {Downloads} (0 folders created). 6 failed.\n  failed: a.jpg: permission denied");
        for (var i = 0; i < 4; i++)
        {
            await NextAsync(conversation, results);
        }

        conversation.Add(new ChatMessage(ChatRole.User, AgentPrompts.PlanApproved));
        await NextAsync(conversation, results);

        var check = await NextAsync(conversation, results);

        Assert.Equal(["done", "done", "failed", "in_progress"], Statuses(check[0]));
    }

    [Theory]
    [InlineData($"Error: {Downloads} is not a folder.")]
    [InlineData("Not run: The person's settings deny the tool organize_folder. Do the work another way or explain what is needed.")]
    public async Task A_preview_that_failed_is_reported_as_a_failure_not_as_an_organized_folder(string failure)
    {
        var conversation = Start("tidy up this folder");
        var results = Results(preview: failure);
        await NextAsync(conversation, results);
        await NextAsync(conversation, results);

        // The plan is closed (preview failed, the rest skipped), so no approval is asked and nothing can move.
        var plan = await NextAsync(conversation, results);
        Assert.Equal(["done", "failed", "skipped", "skipped"], Statuses(Assert.Single(plan)));

        Assert.Empty(await NextAsync(conversation, results));
        Assert.DoesNotContain("Nothing needs to change", LastText(conversation), StringComparison.Ordinal);
        Assert.Contains(failure.Split('\n')[0], LastText(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_that_errored_is_marked_failed_and_not_reported_as_done()
    {
        var conversation = Start("tidy up this folder");
        var results = Results(applied: $"Error: {Downloads} changed while it was being organized; nothing was moved.");
        for (var i = 0; i < 4; i++)
        {
            await NextAsync(conversation, results);
        }

        conversation.Add(new ChatMessage(ChatRole.User, AgentPrompts.PlanApproved));
        await NextAsync(conversation, results);

        var check = await NextAsync(conversation, results);
        Assert.Equal(["done", "done", "failed", "in_progress"], Statuses(check[0]));
        var last = await NextAsync(conversation, results);
        Assert.Equal(["done", "done", "failed", "done"], Statuses(Assert.Single(last)));
        Assert.Empty(await NextAsync(conversation, results));
        Assert.DoesNotContain("Done.", LastText(conversation), StringComparison.Ordinal);
        Assert.Contains($"Error: {Downloads} changed while it was being organized", LastText(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organizing_a_read_only_folder_is_answered_with_the_reason_and_no_tool_call()
    {
        var conversation = Start("Organize my Downloads by type", new FolderGrant(Downloads, FolderAccess.ReadOnly));

        Assert.Empty(await NextAsync(conversation));
        Assert.Contains("read-only", LastText(conversation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_it_does_not_understand_needs_a_model()
    {
        var error = await Assert.ThrowsAsync<ModelException>(() => _planner.GetResponseAsync(Start("write me a poem")));

        Assert.Equal(ModelFailureKind.NeedsModel, error.Kind);
    }

    [Fact]
    public async Task Through_the_runner_a_request_it_does_not_understand_fails_and_says_how_to_configure_a_model()
    {
        var (task, events) = await TestRun.RunAsync(_planner, ModelSpec.Offline, request: "write me a poem");

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.NeedsModel, task.StopReason);
        Assert.Contains("offline planner does not understand", task.FinalMessage, StringComparison.Ordinal);
        Assert.Contains("--model", task.FinalMessage, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY", task.FinalMessage, StringComparison.Ordinal);
        Assert.Equal(1, task.ModelCalls);
        Assert.Empty(events.Of<ToolCallRequested>());
        Assert.Empty(events.Of<Warning>());
    }

    [Fact]
    public async Task Through_the_runner_an_organize_run_previews_then_asks_then_moves()
    {
        var moves = new List<bool>();
        var organize = new ToolDescriptor(
            AIFunctionFactory.Create((string path, string by, bool dry_run) =>
            {
                lock (moves)
                {
                    moves.Add(dry_run);
                }

                return dry_run ? Preview : Applied;
            }, ToolNames.OrganizeFolder, "Fake organize_folder."),
            ToolEffects.Write,
            args => args.TryGetValue("dry_run", out var dry) && dry is true or JsonElement { ValueKind: JsonValueKind.True } ? ToolEffects.Read : ToolEffects.Write);
        var list = TestToolset.Tool(ToolNames.ListFolder, (string path, int depth) => Listing, ToolEffects.Read);
        var approvals = TestApprovals.Yes();

        var (task, events) = await TestRun.RunAsync(_planner, ModelSpec.Offline, [new TestToolset(list, organize)], approvals, request: "Organize my Downloads folder by type and date");

        Assert.Equal(TaskState.Completed, task.State);
        Assert.StartsWith($"Done. {Applied}", task.FinalMessage, StringComparison.Ordinal);
        Assert.Equal([true, false], moves);
        Assert.Equal(ApprovalKind.Plan, Assert.Single(approvals.Asked).Kind);
        Assert.True(task.Plan.IsComplete);
        Assert.Empty(events.Of<ToolCallDenied>());
        var answered = Assert.Single(events.Of<ApprovalAnswered>()).Sequence;
        var realMove = events.Of<ToolCallRequested>().Where(e => e.Tool == ToolNames.OrganizeFolder).Last().Sequence;
        Assert.True(answered < realMove);
    }
}
