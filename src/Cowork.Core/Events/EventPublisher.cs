namespace Cowork;

/// <summary>Publishes events on behalf of one agent of a task.</summary>
public sealed class EventPublisher(TaskEventHub hub, string agentId)
{
    public string AgentId { get; } = agentId;

    public string TaskId => hub.TaskId;

    public CoworkTask Task => hub.Task;

    public void Publish(TaskEvent taskEvent) => hub.Publish(taskEvent, AgentId);
}
