using System.Diagnostics;
using Xunit.Abstractions;

namespace Cowork.Storage.Tests;

/// <summary>Measures what storing an event costs the publishing thread. Prints the figure; asserts only correctness.</summary>
public sealed class WriteCostTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Publishing_ten_thousand_texts_through_the_store_prints_the_per_event_cost()
    {
        const int Count = 10_000;
        using var store = TaskStore.Open(_home.Path);

        var baseline = Publish(new TaskEventHub("baseline"), Count);
        var hub = new TaskEventHub("measured");
        using var writer = store.CreateWriter(hub.TaskId);
        hub.Subscribe(writer);
        hub.Publish(new TaskCreated("Measure", [], "m"));
        Publish(hub, 200); // warm up: JIT, prepared statements, WAL file
        var stored = Publish(hub, Count);

        var perEvent = (stored - baseline) / Count;
        output.WriteLine(
            $"Store append: {perEvent.TotalMicroseconds:0.0} µs per event ({stored.TotalMilliseconds:0} ms for {Count:N0} AssistantText events with the writer, {baseline.TotalMilliseconds:0} ms without; WAL, synchronous=NORMAL).");
        Assert.Equal(Count + 201, store.LastSequence(hub.TaskId));
    }

    private static TimeSpan Publish(TaskEventHub hub, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            hub.Publish(new AssistantText($"A piece of the answer, number {i}, about as long as a streamed chunk. "));
        }

        return watch.Elapsed;
    }
}
