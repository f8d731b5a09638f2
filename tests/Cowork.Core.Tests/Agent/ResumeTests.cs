using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>
/// The conversation kept in the event log, and resume from it: a task cut off after any of its events goes on to the
/// same end with every effect exactly once; directions and pauses take effect at turn boundaries.
/// </summary>
public sealed class ResumeTests
{
    private const int Notes = 4;

    [Fact]
    public async Task The_conversation_rebuilt_from_the_log_is_the_one_the_model_was_sent()
    {
        var world = new World();
        var model = new NotesModel(Notes);
        var (task, events) = await TestRun.RunAsync(model, ModelSpec.Offline, [world.Toolset()], request: "Write the notes");

        Assert.Equal(TaskState.Completed, task.State);
        var rebuilt = ConversationLog.Rebuild(events.Events);
        var sent = model.Requests[^1];
        Assert.Equal(Describe(sent), Describe(rebuilt.Messages.Take(sent.Count)));
        Assert.Equal("Done: wrote 4 notes.", rebuilt.Messages[^1].Text);
        Assert.True(rebuilt.EndsWithAnswer);
        Assert.Empty(rebuilt.Unanswered);
    }

    /// <summary>
    /// For every cut point: the events up to it are what was stored, and the world holds the effect of every call that
    /// had started (the worst case for a call cut off mid-way). Resume must reach the same end, each note once.
    /// </summary>
    [Fact]
    public async Task A_task_cut_off_after_any_event_resumes_to_the_same_end_with_each_effect_once()
    {
        var full = new World();
        var (_, recorded) = await TestRun.RunAsync(new NotesModel(Notes), ModelSpec.Offline, [full.Toolset()], request: "Write the notes");
        var all = recorded.Events;
        Assert.Equal(Enumerable.Range(1, Notes), full.Notes.Order());

        for (var cut = 1; cut < all.Count; cut++)
        {
            var stored = all.Take(cut).ToList();
            var world = new World();
            foreach (var started in stored.OfType<ToolCallStarted>().Where(s => s.Tool == World.ToolName))
            {
                world.Apply(started.CallId, full.NoteOf(started.CallId));
            }

            var hub = new TaskEventHub(stored[0].TaskId, stored);
            var recorder = new EventRecorder();
            hub.Subscribe(recorder);
            var runner = new AgentRunner(new NotesModel(Notes), [world.Toolset()], TestApprovals.Yes(), TestRun.Options());
            var request = new TaskRequest("Write the notes", TestRun.Folders, ModelSpec.Offline, Path.Combine(Path.GetTempPath(), "cowork-tests", hub.TaskId));
            var task = await runner.ResumeAsync(request, hub, stored);

            Assert.True(task.State == TaskState.Completed, $"cut after event {cut} ({stored[^1].GetType().Name}): {task.FinalMessage}");
            Assert.Equal(Enumerable.Range(1, Notes), world.Notes.Order());
            Assert.Equal(stored[^1].Sequence + 1, recorder.Events[0].Sequence);
            var log = ConversationLog.Rebuild([.. stored, .. recorder.Events]);
            Assert.Empty(log.Unanswered);
            Assert.True(log.EndsWithAnswer);
        }
    }

    [Fact]
    public async Task Directions_reach_the_next_model_call_and_a_plan_edit_is_applied_and_told()
    {
        var control = new TaskControl();
        var world = new World { OnApply = n => { if (n == 2) { control.Steer(new Steering("Use euros", SkipStep: 2)); } } };
        var model = new NotesModel(Notes);
        var hub = new TaskEventHub("t-steer");
        var recorder = new EventRecorder();
        hub.Subscribe(recorder);
        var runner = new AgentRunner(model, [world.Toolset()], TestApprovals.Yes(), TestRun.Options());
        var task = await runner.RunAsync(
            new TaskRequest("Write the notes", TestRun.Folders, ModelSpec.Offline, Path.Combine(Path.GetTempPath(), "cowork-tests", hub.TaskId)), hub, control);

        Assert.Equal(TaskState.Completed, task.State);
        var carrying = model.Requests.Select((r, i) => (i, r.Any(m => m.Text.Contains("Use euros", StringComparison.Ordinal)))).Where(x => x.Item2).Select(x => x.i).ToList();
        // Requests: the plan, its summary, note 1, note 2; the direction came while note 2 was written, so the next one has it.
        var afterSecondNote = model.Requests.ToList().FindIndex(r => r.Count(m => m.Role == ChatRole.Tool) >= 3);
        Assert.Equal(afterSecondNote, carrying[0]);
        Assert.Contains(recorder.Events, e => e is SteeringReceived { Message: "Use euros" });
        var edited = recorder.Of<PlanUpdated>().Single(p => p.Explanation == "Edited by the person");
        Assert.Equal(StepStatus.Skipped, edited.Steps[1].Status);
        Assert.Contains(model.Requests[carrying[0]], m => m.Text.Contains("skip step 2 (\"Check them\")", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, Notes), world.Notes.Order());
    }

    [Fact]
    public async Task A_pause_stops_at_the_next_turn_and_resume_finishes_the_work()
    {
        var control = new TaskControl();
        var world = new World { OnApply = n => { if (n == 1) { control.RequestPause(); } } };
        var hub = new TaskEventHub("t-pause");
        var recorder = new EventRecorder();
        hub.Subscribe(recorder);
        var request = new TaskRequest("Write the notes", TestRun.Folders, ModelSpec.Offline, Path.Combine(Path.GetTempPath(), "cowork-tests", hub.TaskId));
        var paused = await new AgentRunner(new NotesModel(Notes), [world.Toolset()], TestApprovals.Yes(), TestRun.Options()).RunAsync(request, hub, control);

        Assert.Equal(TaskState.Paused, paused.State);
        Assert.Equal(StopReason.Paused, paused.StopReason);
        Assert.Equal([1], world.Notes);

        var stored = recorder.Events.ToList();
        var again = new TaskEventHub(hub.TaskId, stored);
        var resumed = await new AgentRunner(new NotesModel(Notes), [world.Toolset()], TestApprovals.Yes(), TestRun.Options()).ResumeAsync(request, again, stored);

        Assert.Equal(TaskState.Completed, resumed.State);
        Assert.Equal(StopReason.Finished, resumed.StopReason);
        Assert.Equal(Enumerable.Range(1, Notes), world.Notes.Order());
    }

    private static List<string> Describe(IEnumerable<ChatMessage> messages) =>
    [
        .. messages.Select(m => $"{m.Role}: {m.Text} " + string.Join(",", m.Contents.Select(c => c switch
        {
            FunctionCallContent call => $"call {call.CallId} {call.Name}",
            FunctionResultContent result => $"result {result.CallId} {result.Result}",
            _ => "",
        }))),
    ];

    /// <summary>What the tool changed: note numbers, by the call that wrote them; a cut-off call can be rolled back.</summary>
    private sealed class World
    {
        public const string ToolName = "write_note";
        private readonly ConcurrentDictionary<string, int> _byCall = new(StringComparer.Ordinal);

        public Action<int>? OnApply { get; init; }

        public IReadOnlyList<int> Notes => [.. _byCall.Values];

        public int NoteOf(string callId) => _byCall[callId];

        public void Apply(string callId, int note) => _byCall[callId] = note;

        public IToolset Toolset() => new WorldToolset(this);

        private sealed class WorldToolset(World world) : IToolset
        {
            public IEnumerable<ToolDescriptor> CreateTools(ToolContext context) =>
            [
                TestToolset.Tool(ToolName, (int note) =>
                {
                    world.Apply(ToolCallScope.CallId!, note);
                    world.OnApply?.Invoke(note);
                    return $"Wrote note {note}.";
                }, ToolEffects.Write),
            ];

            public string? RollBackInterruptedCall(ToolContext context, string callId) =>
                world._byCall.TryRemove(callId, out var note) ? $"took note {note} back" : null;
        }
    }

    /// <summary>A model that decides by the conversation: a plan, one write_note per note not written, a summary.</summary>
    private sealed class NotesModel(int notes) : WholeResponseChatClient
    {
        private readonly ConcurrentQueue<IReadOnlyList<ChatMessage>> _requests = new();

        public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests => [.. _requests];

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            IReadOnlyList<ChatMessage> conversation = [.. messages];
            _requests.Enqueue(conversation);
            var calls = conversation.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToList();
            var results = conversation.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.CallId).ToHashSet();
            if (calls.Any(c => !results.Contains(c.CallId)))
            {
                throw new InvalidOperationException("A tool call without its result was sent to the model.");
            }

            var approved = conversation.Any(m => m.Role == ChatRole.User && m.Text == AgentPrompts.PlanApproved);
            if (!approved)
            {
                return Task.FromResult(calls.Count == 0
                    ? Call("call-plan", ToolNames.UpdatePlan, new() { ["steps"] = new[] { new { title = "Write the notes", status = "pending" }, new { title = "Check them", status = "pending" } } })
                    : Say($"Plan: write {notes} notes."));
            }

            var written = calls.Count(c => c.Name == World.ToolName);
            return Task.FromResult(written < notes
                ? Call($"call-note-{written + 1}", World.ToolName, new() { ["note"] = written + 1 })
                : Say($"Done: wrote {notes} notes."));
        }

        private static ChatResponse Call(string id, string name, Dictionary<string, object?> arguments) =>
            new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(id, name, arguments)])) { FinishReason = ChatFinishReason.ToolCalls };

        private static ChatResponse Say(string text) =>
            new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop };
    }
}
