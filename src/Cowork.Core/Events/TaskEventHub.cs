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

    /// <summary>
    /// Continues a stored task: its events rebuild <see cref="Task"/> and numbering goes on after the last of them.
    /// The stored events are not sent to subscribers; they have them already.
    /// </summary>
    public TaskEventHub(string taskId, IEnumerable<TaskEvent> stored, TimeProvider? timeProvider = null)
        : this(taskId, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var taskEvent in stored)
        {
            Task.Apply(taskEvent);
            _sequence = taskEvent.Sequence;
        }
    }

    public string TaskId { get; }

    /// <summary>The sequence of the last event published or replayed; 0 for a new task.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

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
