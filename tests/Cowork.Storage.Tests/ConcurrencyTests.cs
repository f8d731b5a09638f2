using System.Diagnostics;

namespace Cowork.Storage.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Two_stores_appending_to_different_tasks_at_once_both_succeed()
    {
        const int Events = 2000;
        using (TaskStore.Open(_home.Path))
        {
        }

        var hubs = new[] { new TaskEventHub("task-a"), new TaskEventHub("task-b") };
        var failures = new List<Exception>();
        using var barrier = new Barrier(3);
        var threads = hubs.Select(hub => new Thread(() =>
        {
            try
            {
                // Separate stores: separate connections, as two Cowork processes would have.
                using var store = TaskStore.Open(_home.Path);
                using var writer = store.CreateWriter(hub.TaskId);
                hub.Subscribe(writer);
                barrier.SignalAndWait();
                hub.Publish(new TaskCreated("Request " + hub.TaskId, [], "m"));
                for (var i = 1; i < Events; i++)
                {
                    hub.Publish(i % 10 == 0 ? new UsageReported("m", i, 1, 0, 0) : new AssistantText($"chunk {i} "));
                }
            }
            catch (Exception error)
            {
                lock (failures)
                {
                    failures.Add(error);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        // A reader lists tasks throughout: WAL readers neither block nor are blocked.
        using (var reader = TaskStore.Open(_home.Path))
        {
            barrier.SignalAndWait();
            while (threads.Any(t => t.IsAlive))
            {
                reader.ListTasks();
            }
        }

        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        using var check = TaskStore.Open(_home.Path);
        foreach (var hub in hubs)
        {
            Assert.Equal(Events, check.LastSequence(hub.TaskId));
            Assert.Equal(Enumerable.Range(1, Events).Select(i => (long)i), check.ReadEvents(hub.TaskId).Select(e => e.Sequence));
            ProjectionAssert.Equal(hub.Task, check.LoadTask(hub.TaskId)!);
        }

        Assert.Equal(hubs.Sum(h => h.Task.Usage.Calls), check.ListTasks().Sum(t => t.Usage.Calls));
    }

    [Fact]
    public void A_lock_held_beyond_the_busy_timeout_is_a_clear_store_error_and_faults_the_writer()
    {
        using var store = TaskStore.Open(_home.Path, new TaskStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        var hub = new TaskEventHub("task-locked");
        using var writer = store.CreateWriter(hub.TaskId);
        hub.Subscribe(writer);
        hub.Publish(new TaskCreated("Request", [], "m"));

        StoreException error;
        using (var other = _home.Raw())
        {
            using var lockIt = other.CreateCommand();
            lockIt.CommandText = "BEGIN IMMEDIATE;";
            lockIt.ExecuteNonQuery();

            // Reading still works while another process writes.
            Assert.Single(store.ListTasks());

            var watch = Stopwatch.StartNew();
            error = Assert.Throws<StoreException>(() => hub.Publish(new AssistantText("blocked")));
            watch.Stop();
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(20));
        }

        Assert.Equal(StoreErrorKind.Busy, error.Kind);
        Assert.Contains(_home.Database, error.Message, StringComparison.Ordinal);
        Assert.Contains("locked by another process", error.Message, StringComparison.Ordinal);
        Assert.Contains("event 2 (assistant_text) of task task-locked", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);

        // The lock is gone, but the writer stays faulted: the stored log never gets a hole.
        var later = Assert.Throws<StoreException>(() => hub.Publish(new AssistantText("after")));
        Assert.Equal(StoreErrorKind.Busy, later.Kind);
        Assert.Contains("earlier failure", later.Message, StringComparison.Ordinal);
        Assert.Equal(1, store.LastSequence(hub.TaskId));
        Assert.Equal(1, writer.LastSequence);
    }

    [Fact]
    public void A_second_run_restarting_the_sequence_is_refused_as_a_duplicate()
    {
        using var store = TaskStore.Open(_home.Path);
        var first = new TaskEventHub("task-dup");
        using (var writer = store.CreateWriter(first.TaskId))
        {
            first.Subscribe(writer);
            first.Publish(new TaskCreated("Request", [], "m"));
            first.Publish(new AssistantText("one"));
        }

        var second = new TaskEventHub("task-dup");
        using var again = store.CreateWriter(second.TaskId);
        second.Subscribe(again);

        var error = Assert.Throws<StoreException>(() => second.Publish(new AssistantText("again")));

        Assert.Equal(StoreErrorKind.DuplicateEvent, error.Kind);
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("one", Assert.IsType<AssistantText>(store.ReadEvents("task-dup")[^1]).Text);
    }

    [Fact]
    public void An_event_whose_derived_row_fails_is_not_stored_either()
    {
        using var store = TaskStore.Open(_home.Path);
        var hub = new TaskEventHub("task-atomic");
        using var writer = store.CreateWriter(hub.TaskId);
        hub.Subscribe(writer);
        hub.Publish(new TaskCreated("Request", [], "m"));
        hub.Publish(new AssistantText("before"));
        _home.Scalar("CREATE TRIGGER usage_fails BEFORE INSERT ON usage BEGIN SELECT RAISE (ABORT, 'usage refused'); END;");

        var error = Assert.Throws<StoreException>(() => hub.Publish(new UsageReported("m", 10, 1, 0, 0)));

        Assert.Contains("usage refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("event 3 (usage) of task task-atomic", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, store.LastSequence(hub.TaskId));
        Assert.Equal(UsageTotals.Zero, store.GetTask(hub.TaskId)!.Usage);
        Assert.Equal(UsageTotals.Zero, store.LoadTask(hub.TaskId)!.Usage);
    }
}
