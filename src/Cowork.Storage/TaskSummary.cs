namespace Cowork.Storage;

/// <summary>One line of the task list: what the <c>tasks</c> table and the usage of the task say about it.</summary>
/// <param name="CreatedAt">When the task was created (the <see cref="TaskCreated"/> event), in UTC.</param>
/// <param name="UpdatedAt">The time of the task's last stored event, in UTC: its last sign of life.</param>
/// <param name="ParentTaskId">The task that started this one; <see langword="null"/> for a task a person started.</param>
/// <param name="FinalMessage">The model's final answer or why the task stopped; <see langword="null"/> until it finishes.</param>
/// <param name="Usage">Tokens and model calls summed over the task's <see cref="UsageReported"/> events.</param>
public sealed record TaskSummary(
    string Id,
    string Request,
    string Model,
    TaskState State,
    StopReason? StopReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ParentTaskId,
    string? FinalMessage,
    UsageTotals Usage);
