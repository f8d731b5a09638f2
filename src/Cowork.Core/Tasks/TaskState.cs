using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>Where a task is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskState>))]
public enum TaskState
{
    /// <summary>The model is analysing the request and writing the plan; nothing is changed yet.</summary>
    [JsonStringEnumMemberName("planning")] Planning,

    /// <summary>The plan is written and waits for the person's approval.</summary>
    [JsonStringEnumMemberName("awaiting_approval")] AwaitingApproval,

    /// <summary>The approved plan is being carried out.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Stopped by the person; can be continued.</summary>
    [JsonStringEnumMemberName("paused")] Paused,

    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
