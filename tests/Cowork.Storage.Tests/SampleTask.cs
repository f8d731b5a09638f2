namespace Cowork.Storage.Tests;

/// <summary>A whole task's life, with every event type at least once, published through a real hub.</summary>
internal static class SampleTask
{
    /// <summary>One of each of <see cref="TaskEvent"/>'s derived types, in the order a task would publish them.</summary>
    public static IReadOnlyList<TaskEvent> EveryEventType(string model = "anthropic:claude-x") =>
    [
        new TaskCreated("Sort «reçus» & <notes> \"now\"", [new FolderGrant("/home/ann/Downloads", FolderAccess.ReadWrite), new FolderGrant("/srv/ro", FolderAccess.ReadOnly)], model),
        new AgentStarted(new AgentInfo(AgentInfo.MainId, null, "Sort receipts")),
        new MessageRecorded(ConversationMessage.User("Sort «reçus»")),
        new ModelCallStarted(1),
        new MessageRecorded(new ConversationMessage("assistant", "Looking", [new RecordedToolCall("call_0", "update_plan", "{}")])),
        new PlanUpdated([new PlanStep("List it"), new PlanStep("Move it"), new PlanStep("Report it")], "First plan"),
        new UsageReported(model, 1200, 34, 5, 6),
        new TaskStateChanged(TaskState.AwaitingApproval),
        new ApprovalRequested(CoworkTask.PlanApprovalId, ApprovalKind.Plan, "Approve the plan (3 steps)?", null),
        new ApprovalAnswered(CoworkTask.PlanApprovalId, true, null),
        new TaskStateChanged(TaskState.Running),
        new SteeringReceived("Use euros"),
        new StepStarted(0, "List it"),
        new ModelCallStarted(2),
        new AssistantText("Line one\nline two\t'quoted' 😀"),
        new ToolCallRequested("call_1", "list_folder", """{"path":"/tmp"}"""),
        new ToolCallApproved("call_1", "list_folder", "policy"),
        new ToolCallStarted("call_1", "list_folder"),
        new ToolOutput("call_1", "stdout", "3 entries\n"),
        new ToolCallFinished("call_1", "list_folder", true, "3 entries", 12),
        new UsageReported(model, 2000, 80, 1100, 0),
        new StepFinished(0, "List it", StepStatus.Done),
        new AgentStarted(new AgentInfo("sub-1", AgentInfo.MainId, "Look at the PDFs")),
        new ApprovalRequested("call_2", ApprovalKind.Tool, "Delete 3 files?", "a.pdf, b.pdf, c.pdf"),
        new ApprovalAnswered("call_2", false, "Keep them"),
        new ToolCallDenied("call_2", "delete_files", "denied by the person"),
        new FileChanged(FileChangeKind.FolderCreated, "/home/ann/Downloads/2025", null),
        new FileChanged(FileChangeKind.Moved, "/home/ann/Downloads/2025/a.pdf", "/home/ann/Downloads/a.pdf"),
        new PlanUpdated([new PlanStep("List it", StepStatus.Done), new PlanStep("Move it", StepStatus.Done), new PlanStep("Report it", StepStatus.InProgress)], null),
        new DeliverableAdded("/home/ann/Downloads/report.xlsx", "The first report"),
        new DeliverableAdded("/home/ann/Downloads/report.xlsx", "The report"),
        new Warning("Two files had the same name."),
        new ContextCompacted(12, 1800, 90_000, 30_000),
        new UsageReported(model, 3000, 400, 2900, 50),
        new TaskFinished(TaskState.Paused, StopReason.Paused, "Paused."),
        new TaskResumed(TaskState.Paused),
        new TaskFinished(TaskState.Completed, StopReason.Finished, "Sorted 2 files; the report is in report.xlsx."),
    ];

    /// <summary>Publishes <paramref name="events"/> through <paramref name="hub"/>; a sub-agent's start carries its id.</summary>
    public static void Publish(TaskEventHub hub, IEnumerable<TaskEvent> events)
    {
        foreach (var taskEvent in events)
        {
            var agent = taskEvent is AgentStarted { Agent.Id: var id } ? id : AgentInfo.MainId;
            hub.Publish(taskEvent, agent);
        }
    }
}
