namespace Cowork;

/// <summary>Receives every event of a task, in order: a renderer, a JSON writer, later the store.</summary>
/// <remarks>
/// <see cref="OnEvent"/> is called under the hub's lock, one event at a time, on the publishing thread.
/// It must be quick and must not publish events itself; a sink that does slow work queues it.
/// </remarks>
public interface ITaskEventSink
{
    void OnEvent(TaskEvent taskEvent);
}
