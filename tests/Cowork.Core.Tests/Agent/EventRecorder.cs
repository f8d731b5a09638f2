namespace Cowork.Tests;

/// <summary>Records every event of a task, in the order the hub published them.</summary>
internal sealed class EventRecorder : ITaskEventSink
{
    private readonly Lock _gate = new();
    private readonly List<TaskEvent> _events = [];

    public IReadOnlyList<TaskEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<T> Of<T>()
        where T : TaskEvent => [.. Events.OfType<T>()];

    public void OnEvent(TaskEvent taskEvent)
    {
        lock (_gate)
        {
            _events.Add(taskEvent);
        }
    }
}
