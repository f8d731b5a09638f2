namespace Cowork.Tests;

/// <summary>The event log of a whole run: ordered, serializable, and enough to rebuild the task.</summary>
public sealed class EventLogTests
{
    private static readonly ModelSpec Model = ModelSpec.Parse("scripted:events");

    /// <summary>A run that produces every kind of event the engine emits by itself.</summary>
    private static async Task<(CoworkTask Task, EventRecorder Events)> RunEverythingAsync()
    {
        var tools = new TestToolset(
            TestToolset.Tool("write_note", (string text) => $"Wrote {text}.", ToolEffects.Write),
            TestToolset.Tool("read_note", () => "line one\nline two «é»", ToolEffects.Read),
            TestToolset.Tool("broken", string () => throw new ToolException("Broken on purpose."), ToolEffects.Read),
            TestToolset.Tool("forbidden", () => "never", ToolEffects.Read));
        var model = new ScriptedChatClient(
            ScriptedChatClient.Reply("Looking.", [("read_note", "{}"), (ToolNames.UpdatePlan, """{"steps":[{"title":"Write the note"},{"title":"Check it"}]}""")], 100, 10),
            ScriptedChatClient.Reply(calls: [("write_note", """{"text":"early"}"""), ("forbidden", "{}"), ("broken", "{}")], inputTokens: 120, outputTokens: 12),
            ScriptedChatClient.Reply("Plan: write, then check.", inputTokens: 130, outputTokens: 8),
            ScriptedChatClient.Reply(calls: [(ToolNames.UpdatePlan, """{"steps":[{"title":"Write the note","status":"in_progress"},{"title":"Check it"}]}"""), ("write_note", """{"text":"late"}""")], inputTokens: 140, outputTokens: 9),
            ScriptedChatClient.Reply(calls: [(ToolNames.UpdatePlan, """{"steps":[{"title":"Write the note","status":"done"},{"title":"Check it","status":"skipped"}]}""")], inputTokens: 150, outputTokens: 7),
            ScriptedChatClient.Reply("All done: the note is written.", inputTokens: 160, outputTokens: 6));
        var options = TestRun.Options(permissions: new PermissionPolicy([new("forbidden", PermissionMode.Deny)]));
        return await TestRun.RunAsync(model, Model, [tools], TestApprovals.Yes(), options, "Write a note and check it.");
    }

    [Fact]
    public async Task Events_have_strictly_increasing_sequence_numbers_of_one_task()
    {
        var (task, events) = await RunEverythingAsync();

        Assert.Equal(TaskState.Completed, task.State);
        var all = events.Events;
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.All(all, e => Assert.Equal(task.Id, e.TaskId));
        Assert.All(all, e => Assert.Equal(AgentInfo.MainId, e.AgentId));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
        Assert.IsType<TaskCreated>(all[0]);
        Assert.IsType<TaskFinished>(all[^1]);
    }

    [Fact]
    public async Task Every_event_round_trips_through_the_json_form()
    {
        var (_, events) = await RunEverythingAsync();

        var kinds = new HashSet<Type>();
        foreach (var original in events.Events)
        {
            var json = EventJson.Serialize(original);
            Assert.DoesNotContain('\n', json);
            var back = EventJson.Deserialize(json);
            Assert.IsType(original.GetType(), back);
            Assert.Equal(json, EventJson.Serialize(back));
            Assert.Equal(original.Sequence, back.Sequence);
            Assert.Equal(original.Timestamp, back.Timestamp);
            kinds.Add(back.GetType());
        }

        Type[] expected =
        [
            typeof(TaskCreated), typeof(TaskStateChanged), typeof(AgentStarted), typeof(PlanUpdated), typeof(StepStarted),
            typeof(StepFinished), typeof(ModelCallStarted), typeof(AssistantText), typeof(ToolCallRequested), typeof(ApprovalRequested),
            typeof(ApprovalAnswered), typeof(ToolCallApproved), typeof(ToolCallDenied), typeof(ToolCallStarted), typeof(ToolCallFinished),
            typeof(UsageReported), typeof(TaskFinished),
        ];
        Assert.All(expected, t => Assert.Contains(t, kinds));
    }

    [Fact]
    public async Task Replaying_the_serialized_log_rebuilds_the_same_task()
    {
        var (task, events) = await RunEverythingAsync();

        var replayed = new CoworkTask(task.Id);
        foreach (var json in events.Events.Select(EventJson.Serialize))
        {
            replayed.Apply(EventJson.Deserialize(json));
        }

        Assert.Equal(task.State, replayed.State);
        Assert.Equal(task.StopReason, replayed.StopReason);
        Assert.Equal(task.FinalMessage, replayed.FinalMessage);
        Assert.Equal(task.Request, replayed.Request);
        Assert.Equal(task.Model, replayed.Model);
        Assert.Equal(task.Folders, replayed.Folders);
        Assert.Equal(task.Plan.Steps, replayed.Plan.Steps);
        Assert.Equal(task.PlanApproved, replayed.PlanApproved);
        Assert.Equal(task.Usage, replayed.Usage);
        Assert.Equal(task.ModelCalls, replayed.ModelCalls);
        Assert.Equal(new UsageTotals(6, 800, 52, 0, 0), replayed.Usage);
    }

    [Fact]
    public async Task The_json_form_uses_the_documented_discriminators_and_snake_case()
    {
        var (_, events) = await RunEverythingAsync();

        var finished = EventJson.Serialize(events.Of<TaskFinished>().Single());
        Assert.StartsWith("""{"type":"task_finished",""", finished, StringComparison.Ordinal);
        Assert.Contains("\"task_id\":", finished, StringComparison.Ordinal);
        var usage = EventJson.Serialize(events.Of<UsageReported>()[0]);
        Assert.StartsWith("""{"type":"usage",""", usage, StringComparison.Ordinal);
        Assert.Contains("\"input_tokens\":100", usage, StringComparison.Ordinal);
        var plan = EventJson.Serialize(events.Of<PlanUpdated>()[^1]);
        Assert.Contains("\"status\":\"skipped\"", plan, StringComparison.Ordinal);
    }
}
