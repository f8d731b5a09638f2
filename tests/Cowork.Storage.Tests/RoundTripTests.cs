using System.Text.Json.Serialization;

namespace Cowork.Storage.Tests;

public sealed class RoundTripTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 9, 30, 0, TimeSpan.Zero);
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void The_sample_task_publishes_every_event_type()
    {
        var declared = typeof(TaskEvent).GetCustomAttributes(typeof(JsonDerivedTypeAttribute), false)
            .Cast<JsonDerivedTypeAttribute>()
            .Select(a => a.DerivedType)
            .ToHashSet();

        Assert.Equal(declared, SampleTask.EveryEventType().Select(e => e.GetType()).ToHashSet());
    }

    [Fact]
    public void Every_event_reads_back_exactly_as_it_was_published()
    {
        var (hub, recorder) = PublishSample("20250304-093000-a1b2");

        using var store = TaskStore.Open(_home.Path);
        var stored = store.ReadEvents(hub.TaskId);

        Assert.Equal(recorder.Events.Select(EventJson.Serialize), stored.Select(EventJson.Serialize));
        Assert.Equal(recorder.Events.Select(e => e.GetType()), stored.Select(e => e.GetType()));
        Assert.Equal(recorder.Events.Count, store.LastSequence(hub.TaskId));
    }

    [Fact]
    public void The_columns_of_each_event_row_agree_with_its_json()
    {
        var (hub, recorder) = PublishSample("20250304-093000-a1b2");

        using var connection = _home.Raw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, agent_id, type, json FROM events WHERE task_id = $id ORDER BY sequence;";
        command.Parameters.AddWithValue("$id", hub.TaskId);
        using var reader = command.ExecuteReader();
        var rows = new List<(long Sequence, string Agent, string Type, string Json)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        Assert.Equal(recorder.Events.Count, rows.Count);
        foreach (var (row, published) in rows.Zip(recorder.Events))
        {
            Assert.Equal(published.Sequence, row.Sequence);
            Assert.Equal(published.AgentId, row.Agent);
            Assert.StartsWith($$"""{"type":"{{row.Type}}",""", row.Json, StringComparison.Ordinal);
        }

        Assert.Contains(rows, r => r.Agent == "sub-1");
    }

    [Fact]
    public void A_loaded_task_equals_the_live_projection()
    {
        var (hub, _) = PublishSample("20250304-093000-a1b2");

        using var store = TaskStore.Open(_home.Path);
        var loaded = store.LoadTask(hub.TaskId);

        Assert.NotNull(loaded);
        ProjectionAssert.Equal(hub.Task, loaded);
        Assert.Equal(TaskState.Completed, loaded.State);
        Assert.Equal(3, loaded.Plan.Steps.Count);
        Assert.Equal("The report", Assert.Single(loaded.Deliverables).Description);
        Assert.Equal(new UsageTotals(3, 6200, 514, 4005, 56), loaded.Usage);
        Assert.Equal(2, loaded.Changes.Count);
        Assert.Equal("Sorted 2 files; the report is in report.xlsx.", loaded.FinalMessage);
    }

    [Fact]
    public void A_task_loaded_mid_run_equals_the_live_projection_at_that_point()
    {
        var time = new ManualTime(Start);
        var hub = new TaskEventHub("20250304-093000-mid", time);
        using var store = TaskStore.Open(_home.Path);
        using var writer = store.CreateWriter(hub.TaskId);
        hub.Subscribe(writer);
        SampleTask.Publish(hub, SampleTask.EveryEventType().Take(12));

        var loaded = store.LoadTask(hub.TaskId);
        var summary = store.GetTask(hub.TaskId);

        Assert.NotNull(loaded);
        ProjectionAssert.Equal(hub.Task, loaded);
        Assert.Equal(TaskState.Running, loaded.State);
        Assert.NotNull(summary);
        Assert.Equal(TaskState.Running, summary.State);
        Assert.Null(summary.StopReason);
        Assert.Null(summary.FinalMessage);
    }

    [Fact]
    public void Reading_after_a_sequence_returns_only_the_later_events()
    {
        var (hub, recorder) = PublishSample("20250304-093000-a1b2");

        using var store = TaskStore.Open(_home.Path);

        Assert.Equal(recorder.Events.Skip(25).Select(EventJson.Serialize), store.ReadEvents(hub.TaskId, afterSequence: 25).Select(EventJson.Serialize));
        Assert.Empty(store.ReadEvents(hub.TaskId, afterSequence: recorder.Events.Count));
    }

    [Fact]
    public void The_task_row_follows_the_events()
    {
        var (hub, recorder) = PublishSample("20250304-093000-a1b2");

        using var store = TaskStore.Open(_home.Path);
        var summary = store.GetTask(hub.TaskId);

        Assert.NotNull(summary);
        Assert.Equal(new TaskSummary(
            hub.TaskId,
            hub.Task.Request,
            "anthropic:claude-x",
            TaskState.Completed,
            StopReason.Finished,
            recorder.Events[0].Timestamp,
            recorder.Events[^1].Timestamp,
            null,
            hub.Task.FinalMessage,
            hub.Task.Usage), summary);
    }

    [Fact]
    public void Tasks_are_listed_newest_first_with_their_token_totals()
    {
        var time = new ManualTime(Start);
        using var store = TaskStore.Open(_home.Path);
        var hubs = new List<TaskEventHub>();
        foreach (var id in new[] { "t-old", "t-middle", "t-new" })
        {
            var hub = new TaskEventHub(id, time);
            using var writer = store.CreateWriter(id);
            hub.Subscribe(writer);
            hub.Publish(new TaskCreated("Request " + id, [], "m"));
            hub.Publish(new UsageReported("m", id.Length, 1, 0, 0));
            hubs.Add(hub);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var all = store.ListTasks();
        var two = store.ListTasks(limit: 2);

        Assert.Equal(["t-new", "t-middle", "t-old"], all.Select(t => t.Id));
        Assert.Equal(["t-new", "t-middle"], two.Select(t => t.Id));
        Assert.All(all, t => Assert.Equal(hubs.Single(h => h.TaskId == t.Id).Task.Usage, t.Usage));
        Assert.Equal("Request t-old", all[^1].Request);
        Assert.Equal(TaskState.Planning, all[0].State);
    }

    [Fact]
    public void An_unknown_task_is_null_or_empty_not_an_error()
    {
        PublishSample("20250304-093000-a1b2");

        using var store = TaskStore.Open(_home.Path);

        Assert.Null(store.LoadTask("no-such-task"));
        Assert.Null(store.GetTask("no-such-task"));
        Assert.Empty(store.ReadEvents("no-such-task"));
        Assert.Equal(0, store.LastSequence("no-such-task"));
    }

    [Fact]
    public void An_empty_store_lists_nothing()
    {
        using var store = TaskStore.Open(_home.Path);

        Assert.Empty(store.ListTasks());
        Assert.Equal(UsageTotals.Zero, store.Usage(DateOnly.MinValue, DateOnly.MaxValue).Total);
    }

    [Fact]
    public void Settings_are_stored_replaced_and_removed()
    {
        using (var store = TaskStore.Open(_home.Path))
        {
            Assert.Null(store.GetSetting("model"));
            store.SetSetting("model", "anthropic:claude-x");
            store.SetSetting("model", "openai:gpt-x");
            store.SetSetting("theme", "dark");
            store.SetSetting("theme", null);
        }

        using var reopened = TaskStore.Open(_home.Path);

        Assert.Equal("openai:gpt-x", reopened.GetSetting("model"));
        Assert.Null(reopened.GetSetting("theme"));
    }

    [Fact]
    public void The_event_log_refuses_updates_and_deletes()
    {
        PublishSample("20250304-093000-a1b2");

        using var connection = _home.Raw();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE events SET json = '{}' WHERE sequence = 1;";
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM events;";

        Assert.Contains("append-only", Assert.ThrowsAny<Exception>(() => update.ExecuteNonQuery()).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", Assert.ThrowsAny<Exception>(() => delete.ExecuteNonQuery()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_writer_refuses_an_event_of_another_task()
    {
        using var store = TaskStore.Open(_home.Path);
        using var writer = store.CreateWriter("mine");

        Assert.Throws<ArgumentException>(() => writer.OnEvent(new Warning("x") { TaskId = "theirs", Sequence = 1 }));
    }

    private (TaskEventHub Hub, EventRecorder Recorder) PublishSample(string taskId)
    {
        var time = new ManualTime(Start);
        var hub = new TaskEventHub(taskId, time);
        var recorder = new EventRecorder();
        using var store = TaskStore.Open(_home.Path);
        using var writer = store.CreateWriter(taskId);
        hub.Subscribe(writer);
        hub.Subscribe(recorder);
        foreach (var taskEvent in SampleTask.EveryEventType())
        {
            time.Advance(TimeSpan.FromMilliseconds(1234.5678));
            SampleTask.Publish(hub, [taskEvent]);
        }

        return (hub, recorder);
    }
}
