using System.Reflection;
using System.Text.Json.Serialization;

namespace Cowork.Tests;

/// <summary>Pins the exact <c>--json</c> form of every event type: the output is a contract for scripts.</summary>
public sealed class EventJsonShapeTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    private static T Stamp<T>(T taskEvent, long sequence, string agentId = AgentInfo.MainId)
        where T : TaskEvent =>
        taskEvent with { TaskId = "20250304-050607-abcd", AgentId = agentId, Sequence = sequence, Timestamp = At };

    public static TheoryData<string, TaskEvent, string> Events() => new()
    {
        { "task_created", Stamp(new TaskCreated("Sort «reçus» & <notes> \"now\"", [new FolderGrant("/home/ann/Downloads", FolderAccess.ReadWrite), new FolderGrant("/srv/ro", FolderAccess.ReadOnly)], "anthropic:claude-x"), 1),
            """{"type":"task_created","request":"Sort «reçus» & <notes> \"now\"","folders":[{"path":"/home/ann/Downloads","access":1},{"path":"/srv/ro","access":0}],"model":"anthropic:claude-x","task_id":"20250304-050607-abcd","agent_id":"main","sequence":1,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "task_state_changed", Stamp(new TaskStateChanged(TaskState.AwaitingApproval), 2),
            """{"type":"task_state_changed","state":"awaiting_approval","task_id":"20250304-050607-abcd","agent_id":"main","sequence":2,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "agent_started", Stamp(new AgentStarted(new AgentInfo("sub-1", AgentInfo.MainId, "Look")), 3, "sub-1"),
            """{"type":"agent_started","agent":{"id":"sub-1","parent_id":"main","title":"Look"},"task_id":"20250304-050607-abcd","agent_id":"sub-1","sequence":3,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "plan_updated", Stamp(new PlanUpdated([new PlanStep("List it"), new PlanStep("Move it", StepStatus.InProgress), new PlanStep("Skip it", StepStatus.Skipped)], null), 4),
            """{"type":"plan_updated","steps":[{"title":"List it","status":"pending"},{"title":"Move it","status":"in_progress"},{"title":"Skip it","status":"skipped"}],"explanation":null,"task_id":"20250304-050607-abcd","agent_id":"main","sequence":4,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "step_started", Stamp(new StepStarted(1, "Move it"), 5),
            """{"type":"step_started","index":1,"title":"Move it","task_id":"20250304-050607-abcd","agent_id":"main","sequence":5,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "step_finished", Stamp(new StepFinished(2, "Skip it", StepStatus.Done), 6),
            """{"type":"step_finished","index":2,"title":"Skip it","status":"done","task_id":"20250304-050607-abcd","agent_id":"main","sequence":6,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "model_call_started", Stamp(new ModelCallStarted(1), 7),
            """{"type":"model_call_started","turn":1,"task_id":"20250304-050607-abcd","agent_id":"main","sequence":7,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "assistant_text", Stamp(new AssistantText("Line one\nline two\t'quoted' 😀"), 8),
            """{"type":"assistant_text","text":"Line one\nline two\t'quoted' \uD83D\uDE00","task_id":"20250304-050607-abcd","agent_id":"main","sequence":8,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "tool_call_requested", Stamp(new ToolCallRequested("call_1", "list_folder", """{"path":"/tmp"}"""), 9),
            """{"type":"tool_call_requested","call_id":"call_1","tool":"list_folder","arguments":"{\"path\":\"/tmp\"}","task_id":"20250304-050607-abcd","agent_id":"main","sequence":9,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "approval_requested", Stamp(new ApprovalRequested("plan", ApprovalKind.Plan, "Approve the plan (2 steps)?", null), 10),
            """{"type":"approval_requested","approval_id":"plan","kind":"plan","subject":"Approve the plan (2 steps)?","detail":null,"task_id":"20250304-050607-abcd","agent_id":"main","sequence":10,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "approval_answered", Stamp(new ApprovalAnswered("plan", false, "No thanks"), 11),
            """{"type":"approval_answered","approval_id":"plan","approved":false,"reason":"No thanks","task_id":"20250304-050607-abcd","agent_id":"main","sequence":11,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "tool_call_approved", Stamp(new ToolCallApproved("call_1", "list_folder", "policy"), 12),
            """{"type":"tool_call_approved","call_id":"call_1","tool":"list_folder","by":"policy","task_id":"20250304-050607-abcd","agent_id":"main","sequence":12,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "tool_call_denied", Stamp(new ToolCallDenied("call_2", "organize_folder", "denied by the person"), 13),
            """{"type":"tool_call_denied","call_id":"call_2","tool":"organize_folder","reason":"denied by the person","task_id":"20250304-050607-abcd","agent_id":"main","sequence":13,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "tool_call_started", Stamp(new ToolCallStarted("call_1", "list_folder"), 14),
            """{"type":"tool_call_started","call_id":"call_1","tool":"list_folder","task_id":"20250304-050607-abcd","agent_id":"main","sequence":14,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "tool_call_finished", Stamp(new ToolCallFinished("call_1", "list_folder", true, "3 entries", 12), 15),
            """{"type":"tool_call_finished","call_id":"call_1","tool":"list_folder","succeeded":true,"summary":"3 entries","duration_ms":12,"task_id":"20250304-050607-abcd","agent_id":"main","sequence":15,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "tool_output", Stamp(new ToolOutput("call_3", "stderr", "line 1\n"), 21),
            """{"type":"tool_output","call_id":"call_3","stream":"stderr","text":"line 1\n","task_id":"20250304-050607-abcd","agent_id":"main","sequence":21,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "usage", Stamp(new UsageReported("anthropic:claude-x", 1200, 34, 5, 6), 16),
            """{"type":"usage","model":"anthropic:claude-x","input_tokens":1200,"output_tokens":34,"cache_read_tokens":5,"cache_write_tokens":6,"task_id":"20250304-050607-abcd","agent_id":"main","sequence":16,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "file_changed", Stamp(new FileChanged(FileChangeKind.FolderCreated, "/a/b", "/a/c"), 17),
            """{"type":"file_changed","change":"folder_created","path":"/a/b","from_path":"/a/c","task_id":"20250304-050607-abcd","agent_id":"main","sequence":17,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "deliverable", Stamp(new DeliverableAdded("/a/report.xlsx", "The report"), 18),
            """{"type":"deliverable","path":"/a/report.xlsx","description":"The report","task_id":"20250304-050607-abcd","agent_id":"main","sequence":18,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "warning", Stamp(new Warning("Careful"), 19),
            """{"type":"warning","message":"Careful","task_id":"20250304-050607-abcd","agent_id":"main","sequence":19,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "task_resumed", Stamp(new TaskResumed(TaskState.Paused), 21),
            """{"type":"task_resumed","from":"paused","task_id":"20250304-050607-abcd","agent_id":"main","sequence":21,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "steering_received", Stamp(new SteeringReceived("Use euros"), 22),
            """{"type":"steering_received","message":"Use euros","task_id":"20250304-050607-abcd","agent_id":"main","sequence":22,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "message_recorded", Stamp(new MessageRecorded(new ConversationMessage("assistant", "Looking", [new RecordedToolCall("call_1", "list_folder", """{"path":"/tmp"}""")])), 23),
            """{"type":"message_recorded","message":{"role":"assistant","text":"Looking","tool_calls":[{"call_id":"call_1","name":"list_folder","arguments":"{\"path\":\"/tmp\"}"}],"call_id":null},"task_id":"20250304-050607-abcd","agent_id":"main","sequence":23,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "context_compacted", Stamp(new ContextCompacted(48, 2100, 120_000, 41_000, 50, "The reports were read."), 24),
            """{"type":"context_compacted","messages_compacted":48,"summary_chars":2100,"tokens_before":120000,"tokens_after":41000,"covered":50,"summary":"The reports were read.","task_id":"20250304-050607-abcd","agent_id":"main","sequence":24,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
        { "task_finished", Stamp(new TaskFinished(TaskState.Failed, StopReason.ApprovalUnavailable, "Nobody to ask."), 20),
            """{"type":"task_finished","state":"failed","reason":"approval_unavailable","message":"Nobody to ask.","task_id":"20250304-050607-abcd","agent_id":"main","sequence":20,"timestamp":"2025-03-04T05:06:07.89+00:00"}""" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_type_has_its_exact_json_form(string type, TaskEvent taskEvent, string expected)
    {
        var json = EventJson.Serialize(taskEvent);

        Assert.Equal(expected, json);
        Assert.StartsWith($$"""{"type":"{{type}}",""", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_exact_json_form_reads_back_as_the_same_event(string type, TaskEvent taskEvent, string expected)
    {
        var back = EventJson.Deserialize(expected);

        Assert.IsType(taskEvent.GetType(), back);
        Assert.Equal(expected, EventJson.Serialize(back));
        Assert.Equal(type, expected[9..(9 + type.Length)]);
    }

    [Fact]
    public void Reading_accepts_any_property_case_and_numbers_in_strings_as_before()
    {
        var back = Assert.IsType<ModelCallStarted>(EventJson.Deserialize("""{"type":"model_call_started","TURN":"3","Task_Id":"t","sequence":"5"}"""));

        Assert.Equal(3, back.Turn);
        Assert.Equal("t", back.TaskId);
        Assert.Equal(5, back.Sequence);
        Assert.Equal(AgentInfo.MainId, back.AgentId);
    }

    /// <summary>Every event type, with every value of each enum field and with nulls, reads back as it was written.</summary>
    [Fact]
    public void Every_event_type_and_value_round_trips()
    {
        var derived = typeof(TaskEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToList();
        var pinned = Events().Select(row => row[1].GetType()).ToHashSet();
        Assert.Empty(derived.Where(t => !pinned.Contains(t)).Select(t => $"{t.Name} has no exact JSON form in Events()"));
        var checkedCount = 0;
        foreach (var type in derived)
        {
            foreach (var sample in Samples(type))
            {
                var stamped = sample with { TaskId = "t-1", AgentId = "sub «1»", Sequence = 42, Timestamp = At.AddTicks(1234567) };
                var json = EventJson.Serialize(stamped);
                var read = EventJson.Deserialize(json);
                Assert.Equal(type, read.GetType());
                Assert.Equal(json, EventJson.Serialize(read));
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 40, $"Only {checkedCount} samples were checked.");
    }

    /// <summary>Instances of an event type: one with every field set, one per value of each enum field, one with nulls.</summary>
    private static IEnumerable<TaskEvent> Samples(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = constructor.GetParameters();
        object?[] Full() => [.. parameters.Select(p => Value(p.ParameterType))];
        TaskEvent Make(object?[] args) => (TaskEvent)constructor.Invoke(args);

        yield return Make(Full());
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameterType = parameters[i].ParameterType;
            if (parameterType.IsEnum)
            {
                foreach (var value in Enum.GetValues(parameterType))
                {
                    var args = Full();
                    args[i] = value;
                    yield return Make(args);
                }
            }
            else if (parameterType == typeof(IReadOnlyList<PlanStep>))
            {
                var args = Full();
                args[i] = Enum.GetValues<StepStatus>().Select(s => new PlanStep($"Step {s}", s)).ToList();
                yield return Make(args);
            }
        }

        yield return Make([.. parameters.Select(p => p.ParameterType.IsValueType ? Value(p.ParameterType) : null)]);
    }

    private static object Value(Type type) =>
        type == typeof(string) ? "Text \"quoted\" «é» <b> & 'x'\n\t\u2028 😀 \\ /" :
        type == typeof(int) ? -7 :
        type == typeof(long) ? 9_007_199_254_740_993L :
        type == typeof(bool) ? true :
        type.IsEnum ? Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)! :
        type == typeof(AgentInfo) ? new AgentInfo("sub-2", AgentInfo.MainId, "Sub «task»") :
        type == typeof(IReadOnlyList<FolderGrant>) ? new List<FolderGrant> { new("/a/«b» c", FolderAccess.ReadOnly), new("/d", FolderAccess.ReadWrite) } :
        type == typeof(IReadOnlyList<PlanStep>) ? new List<PlanStep> { new("One"), new("Two", StepStatus.Done) } :
        type == typeof(ConversationMessage) ? new ConversationMessage("assistant", "Text «é»\n", [new RecordedToolCall("c-1", "read_file", """{"path":"/a «b»"}""")], "c-0") :
        throw new InvalidOperationException($"No sample value for {type}: add one here, and check EventJsonWriter writes it.");
}
