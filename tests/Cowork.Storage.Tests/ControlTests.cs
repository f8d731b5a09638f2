using System.Text.Json;

namespace Cowork.Storage.Tests;

/// <summary>Requests left in the store for a task are taken once, in order, by the poller of the process that runs it.</summary>
public sealed class ControlTests : IDisposable
{
    private readonly TestHome _home = new();

    public void Dispose() => _home.Dispose();

    private static void Create(TaskStore store, params string[] taskIds)
    {
        foreach (var taskId in taskIds)
        {
            var hub = new TaskEventHub(taskId);
            using var writer = store.CreateWriter(taskId);
            hub.Subscribe(writer);
            hub.Publish(new TaskCreated("Write the notes", [], "offline"));
        }
    }

    [Fact]
    public void Requests_are_taken_once_in_the_order_they_were_sent_and_only_by_their_task()
    {
        using var store = TaskStore.Open(_home.Path);
        Create(store, "t-1", "t-2");
        store.SendControl("t-1", ControlKind.Steer, """{"message":"Use euros"}""");
        store.SendControl("t-2", ControlKind.Pause);
        store.SendControl("t-1", ControlKind.Cancel);

        var taken = store.TakeControls("t-1");

        Assert.Equal([ControlKind.Steer, ControlKind.Cancel], taken.Select(c => c.Kind));
        Assert.Equal("""{"message":"Use euros"}""", taken[0].Payload);
        Assert.Empty(store.TakeControls("t-1"));
        Assert.Equal([ControlKind.Pause], store.TakeControls("t-2").Select(c => c.Kind));
        Assert.Throws<StoreException>(() => store.SendControl("no-such-task", ControlKind.Pause));
    }

    [Fact]
    public async Task The_poller_hands_directions_pauses_cancels_and_answers_to_what_acts_on_them()
    {
        using var store = TaskStore.Open(_home.Path);
        using var sender = TaskStore.Open(_home.Path);
        Create(sender, "t-1");
        var control = new TaskControl();
        using var cancel = new CancellationTokenSource();
        sender.SendControl("t-1", ControlKind.Steer, JsonSerializer.Serialize(new Steering("Use euros", SkipStep: 2), EventJson.Options));

        await using (var poller = ControlPoller.Start(store, "t-1", control, cancel, TimeSpan.FromMilliseconds(10)))
        {
            // Waiting requests are taken before Start returns.
            Assert.True(control.TryTake(out var steering));
            Assert.Equal(new Steering("Use euros", SkipStep: 2), steering);

            var answer = poller.WaitForAnswerAsync("plan");
            sender.SendControl("t-1", ControlKind.Answer, JsonSerializer.Serialize(new ApprovalAnswer("plan", false, "not now"), EventJson.Options));
            Assert.Equal(new ApprovalAnswer("plan", false, "not now"), await answer.WaitAsync(TimeSpan.FromSeconds(10)));

            sender.SendControl("t-1", ControlKind.Steer, "not json");
            sender.SendControl("t-1", ControlKind.Pause);
            sender.SendControl("t-1", ControlKind.Cancel);
            await Task.Run(() => cancel.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
        }

        Assert.True(cancel.IsCancellationRequested);
        Assert.True(control.PauseRequested);
        Assert.False(control.HasSteering); // The malformed one was dropped, not delivered.
    }
}
