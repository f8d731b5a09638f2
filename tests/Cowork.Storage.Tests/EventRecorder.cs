namespace Cowork.Storage.Tests;

/// <summary>Keeps every published event, as the hub stamped it.</summary>
internal sealed class EventRecorder : ITaskEventSink
{
    public List<TaskEvent> Events { get; } = [];

    public void OnEvent(TaskEvent taskEvent) => Events.Add(taskEvent);
}
