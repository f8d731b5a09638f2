namespace Cowork.Tests;

/// <summary>Nothing that changes files runs before the person approves the plan.</summary>
public sealed class PlanApprovalTests
{
    private static readonly ModelSpec Model = ModelSpec.Parse("scripted:plan-approval");
    private readonly List<string> _writes = [];

    private TestToolset Tools() => new(TestToolset.Tool("write_note", (string text) =>
    {
        lock (_writes)
        {
            _writes.Add(text);
        }

        return "Written.";
    }, ToolEffects.Write));

    [Fact]
    public async Task A_write_in_the_planning_turn_is_refused_and_runs_only_after_approval()
    {
        var model = new ScriptedChatClient(
            Conversation.Plan("pending", "Write the note"),
            Conversation.Call("write_note", """{"text":"early"}"""),
            ScriptedChatClient.Reply("Plan: write the note."),
            Conversation.Call("write_note", """{"text":"late"}"""),
            Conversation.Plan("done", "Write the note"),
            ScriptedChatClient.Reply("Wrote the note."));
        var approvals = TestApprovals.Yes();
        // Even an explicit "allow" does not let a write through before the plan is approved.
        var options = TestRun.Options(permissions: new PermissionPolicy([new("write_note", PermissionMode.Allow)]));

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools()], approvals, options);

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(StopReason.Finished, task.StopReason);
        Assert.Equal("Wrote the note.", task.FinalMessage);
        Assert.Equal(["late"], _writes);
        Assert.True(task.PlanApproved);
        Assert.True(task.Plan.IsComplete);

        var asked = Assert.Single(approvals.Asked);
        Assert.Equal(ApprovalKind.Plan, asked.Kind);
        Assert.Equal(CoworkTask.PlanApprovalId, asked.Id);
        Assert.Contains("1. Write the note", asked.Detail, StringComparison.Ordinal);
        Assert.Contains("Plan: write the note.", asked.Detail, StringComparison.Ordinal);

        // The early write was refused, and the model was told why.
        var denied = Assert.Single(events.Of<ToolCallDenied>());
        Assert.Equal("write_note", denied.Tool);
        var early = Conversation.ResultsFor(model.Requests[2], "write_note");
        Assert.StartsWith("Not run:", Assert.Single(early), StringComparison.Ordinal);
        Assert.Contains("not been approved", early[0], StringComparison.Ordinal);

        // Order: refusal, then approval, then the write.
        var answered = Assert.Single(events.Of<ApprovalAnswered>());
        var started = Assert.Single(events.Of<ToolCallStarted>(), e => e.Tool == "write_note");
        Assert.True(denied.Sequence < answered.Sequence);
        Assert.True(answered.Sequence < started.Sequence);
        Assert.Equal(
            [TaskState.Planning, TaskState.AwaitingApproval, TaskState.Running],
            events.Of<TaskStateChanged>().Select(e => e.State));
        Assert.Contains(model.Requests[3], m => m.Text == AgentPrompts.PlanApproved);
    }

    [Fact]
    public async Task A_rejected_plan_ends_the_task_cancelled_and_nothing_is_written()
    {
        var model = new ScriptedChatClient(
            Conversation.Plan("pending", "Write the note"),
            Conversation.Call("write_note", """{"text":"sneaky"}"""),
            ScriptedChatClient.Reply("Plan: write the note."),
            Conversation.Call("write_note", """{"text":"never"}"""));
        var approvals = new TestApprovals(_ => ApprovalDecision.No("not like this"));

        var (task, events) = await TestRun.RunAsync(model, Model, [Tools()], approvals);

        Assert.Equal(TaskState.Cancelled, task.State);
        Assert.Equal(StopReason.PlanRejected, task.StopReason);
        Assert.Contains("not approved", task.FinalMessage, StringComparison.Ordinal);
        Assert.Empty(_writes);
        Assert.False(task.PlanApproved);
        Assert.Equal(3, model.Requests.Count); // no model call after the rejection
        var answer = Assert.Single(events.Of<ApprovalAnswered>());
        Assert.False(answer.Approved);
        Assert.Equal("not like this", answer.Reason);
    }

    [Fact]
    public async Task Without_a_plan_a_write_is_refused_and_no_approval_is_asked()
    {
        var model = new ScriptedChatClient(
            Conversation.Call("write_note", """{"text":"unplanned"}"""),
            ScriptedChatClient.Reply("I could not write it."));
        var approvals = TestApprovals.Yes();

        var (task, _) = await TestRun.RunAsync(model, Model, [Tools()], approvals);

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Empty(_writes);
        Assert.Empty(approvals.Asked);
    }

    [Fact]
    public async Task Nobody_to_approve_the_plan_stops_with_approval_unavailable()
    {
        var model = new ScriptedChatClient(
            Conversation.Plan("pending", "Write the note"),
            ScriptedChatClient.Reply("Plan: write the note."));
        var approvals = new TestApprovals(_ => throw new ApprovalUnavailableException("The plan needs approval and there is no terminal; pass --yes to approve it."));

        var (task, _) = await TestRun.RunAsync(model, Model, [Tools()], approvals);

        Assert.Equal(TaskState.AwaitingApproval, task.State);
        Assert.Equal(StopReason.ApprovalUnavailable, task.StopReason);
        Assert.Contains("--yes", task.FinalMessage, StringComparison.Ordinal);
        Assert.Empty(_writes);
        Assert.Equal(2, model.Requests.Count);
    }

    [Fact]
    public async Task A_plan_finished_in_the_planning_turn_needs_no_approval()
    {
        var model = new ScriptedChatClient(
            Conversation.Plan("done", "Read the folder"),
            ScriptedChatClient.Reply("The folder holds three notes."));
        var approvals = TestApprovals.Yes();

        var (task, _) = await TestRun.RunAsync(model, Model, [Tools()], approvals);

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal("The folder holds three notes.", task.FinalMessage);
        Assert.Empty(approvals.Asked);
    }
}
