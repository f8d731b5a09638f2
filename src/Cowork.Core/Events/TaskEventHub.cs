namespace Cowork;

/// <summary>
/// Orders, stamps and fans out the events of one task, and keeps the <see cref="CoworkTask"/> view current.
/// </summary>
/// <remarks>Thread-safe: sub-agents and parallel tool calls publish concurrently; each event gets the next sequence number.</remarks>
public sealed class TaskEventHub
{
    private readonly Lock _gate = new();
    private readonly List<ITaskEventSink> _sinks = [];
    private readonly TimeProvider _time;
    private long _sequence;

    public TaskEventHub(string taskId, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        TaskId = taskId;
        _time = timeProvider ?? TimeProvider.System;
        Task = new CoworkTask(taskId);
    }

    public string TaskId { get; }

    /// <summary>The task as the events so far describe it. Read it under no lock only from the thread that publishes.</summary>
    public CoworkTask Task { get; }

    public void Subscribe(ITaskEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            _sinks.Add(sink);
        }
    }

    /// <summary>A publisher that stamps events with <paramref name="agentId"/>.</summary>
    public EventPublisher For(string agentId) => new(this, agentId);

    public TaskEvent Publish(TaskEvent taskEvent, string agentId = AgentInfo.MainId)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        lock (_gate)
        {
            var stamped = taskEvent with
            {
                TaskId = TaskId,
                AgentId = agentId,
                Sequence = ++_sequence,
                Timestamp = _time.GetUtcNow(),
            };
            Task.Apply(stamped);
            foreach (var sink in _sinks)
            {
                sink.OnEvent(stamped);
            }

            return stamped;
        }
    }
}
