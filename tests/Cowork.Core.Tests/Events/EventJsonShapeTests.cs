namespace Cowork.Tests;

/// <summary>Pins the exact <c>--json</c> form of every event type: the output is a contract for scripts.</summary>
public sealed class EventJsonShapeTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private static T Stamp<T>(T taskEvent, long sequence, string agentId = AgentInfo.MainId)
        where T : TaskEvent =>
        taskEvent with { TaskId = "20250304-050607-abcd", AgentId = agentId, Sequence = sequence, Timestamp = At };

    public static TheoryData<string, TaskEvent> Events() => new()
    {
        { "task_created", Stamp(new TaskCreated("Sort «reçus» & <notes> \"now\"", [new FolderGrant("/home/ann/Downloads", FolderAccess.ReadWrite), new FolderGrant("/srv/ro", FolderAccess.ReadOnly)], "anthropic:claude-x"), 1) },
        { "task_state_changed", Stamp(new TaskStateChanged(TaskState.AwaitingApproval), 2) },
        { "agent_started", Stamp(new AgentStarted(new AgentInfo("sub-1", AgentInfo.MainId, "Look")), 3, "sub-1") },
        { "plan_updated", Stamp(new PlanUpdated([new PlanStep("List it"), new PlanStep("Move it", StepStatus.InProgress), new PlanStep("Skip it", StepStatus.Skipped)], null), 4) },
        { "step_started", Stamp(new StepStarted(1, "Move it"), 5) },
        { "step_finished", Stamp(new StepFinished(2, "Skip it", StepStatus.Done), 6) },
        { "model_call_started", Stamp(new ModelCallStarted(1), 7) },
        { "assistant_text", Stamp(new AssistantText("Line one\nline two\t'quoted' 😀"), 8) },
        { "tool_call_requested", Stamp(new ToolCallRequested("call_1", "list_folder", """{"path":"/tmp"}"""), 9) },
        { "approval_requested", Stamp(new ApprovalRequested("plan", ApprovalKind.Plan, "Approve the plan (2 steps)?", null), 10) },
        { "approval_answered", Stamp(new ApprovalAnswered("plan", false, "No thanks"), 11) },
        { "tool_call_approved", Stamp(new ToolCallApproved("call_1", "list_folder", "policy"), 12) },
        { "tool_call_denied", Stamp(new ToolCallDenied("call_2", "organize_folder", "denied by the person"), 13) },
        { "tool_call_started", Stamp(new ToolCallStarted("call_1", "list_folder"), 14) },
        { "tool_call_finished", Stamp(new ToolCallFinished("call_1", "list_folder", true, "3 entries", 12), 15) },
        { "usage", Stamp(new UsageReported("anthropic:claude-x", 1200, 34, 5, 6), 16) },
        { "file_changed", Stamp(new FileChanged(FileChangeKind.FolderCreated, "/a/b", "/a/c"), 17) },
        { "deliverable", Stamp(new DeliverableAdded("/a/report.xlsx", "The report"), 18) },
        { "warning", Stamp(new Warning("Careful"), 19) },
        { "task_finished", Stamp(new TaskFinished(TaskState.Failed, StopReason.ApprovalUnavailable, "Nobody to ask."), 20) },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Dump(string name, TaskEvent taskEvent)
    {
        File.AppendAllText("/tmp/pin/out.txt", $"{name}\t{EventJson.Serialize(taskEvent)}\n");
    }
}
