namespace Cowork.Bench.LongTask;

/// <summary>Hands each event of the task to a callback.</summary>
internal sealed class EventCounter(Action<TaskEvent> onEvent) : ITaskEventSink
{
    public void OnEvent(TaskEvent taskEvent) => onEvent(taskEvent);
}
