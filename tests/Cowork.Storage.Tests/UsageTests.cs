namespace Cowork.Storage.Tests;

public sealed class UsageTests : IDisposable
{
    // Ten hours east of UTC: 20:00 UTC is already the next local day.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test+10", TimeSpan.FromHours(10), "Test+10", "Test+10");
    private static readonly DateOnly Day1 = new(2025, 3, 4);
    private static readonly DateOnly Day2 = new(2025, 3, 5);
    private readonly TestHome _home = new();
    private readonly List<TaskEventWriter> _writers = [];

    public void Dispose()
    {
        _writers.ForEach(w => w.Dispose());
        _home.Dispose();
    }

    [Fact]
    public void Usage_sums_equal_the_sums_of_the_usage_events_across_two_tasks_and_two_days()
    {
        using var store = TaskStore.Open(_home.Path, new TaskStoreOptions { TimeZone = Zone });
        var recorder = new EventRecorder();
        var time = new ManualTime(new DateTimeOffset(2025, 3, 4, 1, 0, 0, TimeSpan.Zero)); // 11:00 local, day 1
        var taskA = Run(store, recorder, time, "task-a", [("claude", 1000, 50, 10, 5), ("claude", 2000, 70, 900, 0), ("gpt", 300, 30, 0, 0)]);
        time.Now = new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.Zero); // 22:00 local, day 1
        var taskB = Run(store, recorder, time, "task-b", [("gpt", 400, 40, 4, 4), ("claude", 5, 5, 5, 5)]);
        time.Now = new DateTimeOffset(2025, 3, 4, 20, 0, 0, TimeSpan.Zero); // 06:00 local, day 2
        Continue(taskA, time, [("claude", 7000, 700, 70, 7)]);
        Continue(taskB, time, [("gpt", 60, 6, 0, 0), ("gpt", 1, 2, 3, 4)]);

        var usage = recorder.Events.OfType<UsageReported>().ToList();
        var report = store.Usage(Day1, Day2);

        Assert.Equal(8, usage.Count);
        Assert.Equal(Sum(usage), report.Total);
        Assert.Equal(
            usage.GroupBy(LocalDay).OrderBy(g => g.Key).Select(g => new DailyUsage(g.Key, Sum(g))),
            report.ByDay);
        Assert.Equal([Day1, Day2], report.ByDay.Select(d => d.Day));
        Assert.Equal(
            usage.GroupBy(u => u.Model).Select(g => new ModelUsage(g.Key, Sum(g))).OrderByDescending(m => m.Usage.InputTokens + m.Usage.OutputTokens),
            report.ByModel);
        Assert.Equal(
            usage.GroupBy(u => u.TaskId).Select(g => new TaskUsage(g.Key, "Request " + g.Key, Sum(g))).OrderByDescending(t => t.Usage.InputTokens + t.Usage.OutputTokens),
            report.ByTask);
        Assert.Equal(taskA.Task.Usage, report.ByTask.Single(t => t.TaskId == "task-a").Usage);
        Assert.Equal(taskB.Task.Usage, report.ByTask.Single(t => t.TaskId == "task-b").Usage);
        Assert.Equal(taskA.Task.Usage, store.GetTask("task-a")!.Usage);

        var day1Only = store.Usage(Day1, Day1);
        Assert.Equal(Sum(usage.Where(u => LocalDay(u) == Day1)), day1Only.Total);
        Assert.Equal(5, day1Only.Total.Calls);
        Assert.Equal(UsageTotals.Zero, store.Usage(Day2.AddDays(1), Day2.AddDays(30)).Total);
        Assert.Empty(store.Usage(Day2.AddDays(1), Day2.AddDays(30)).ByTask);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_refused()
    {
        using var store = TaskStore.Open(_home.Path);

        Assert.Throws<ArgumentException>(() => store.Usage(Day2, Day1));
    }

    private static DateOnly LocalDay(UsageReported usage) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(usage.Timestamp, Zone).DateTime);

    private static UsageTotals Sum(IEnumerable<UsageReported> usage) =>
        usage.Aggregate(UsageTotals.Zero, (totals, u) => totals.Add(u));

    private TaskEventHub Run(TaskStore store, EventRecorder recorder, ManualTime time, string taskId, (string Model, long In, long Out, long Read, long Write)[] calls)
    {
        var hub = new TaskEventHub(taskId, time);
        var writer = store.CreateWriter(taskId);
        _writers.Add(writer);
        hub.Subscribe(writer);
        hub.Subscribe(recorder);
        hub.Publish(new TaskCreated("Request " + taskId, [], "claude"));
        Continue(hub, time, calls);
        return hub;
    }

    private static void Continue(TaskEventHub hub, ManualTime time, (string Model, long In, long Out, long Read, long Write)[] calls)
    {
        foreach (var call in calls)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            hub.Publish(new ModelCallStarted(hub.Task.ModelCalls + 1));
            hub.Publish(new UsageReported(call.Model, call.In, call.Out, call.Read, call.Write));
        }
    }
}
