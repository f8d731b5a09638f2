using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>
/// Something that happened in a task. The append-only sequence of these events is the task's
/// source of truth: the CLI and the web UI render them, the store persists them, resume rebuilds from them.
/// </summary>
/// <remarks>
/// <see cref="Sequence"/> and <see cref="Timestamp"/> are stamped by <see cref="TaskEventHub"/> when the event is
/// published; the producer leaves them unset. <see cref="AgentId"/> names the main agent or a sub-agent.
/// The "type" discriminators are part of the <c>--json</c> output contract: rename none of them.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TaskCreated), "task_created")]
[JsonDerivedType(typeof(TaskStateChanged), "task_state_changed")]
[JsonDerivedType(typeof(TaskResumed), "task_resumed")]
[JsonDerivedType(typeof(SteeringReceived), "steering_received")]
[JsonDerivedType(typeof(AgentStarted), "agent_started")]
[JsonDerivedType(typeof(PlanUpdated), "plan_updated")]
[JsonDerivedType(typeof(StepStarted), "step_started")]
[JsonDerivedType(typeof(StepFinished), "step_finished")]
[JsonDerivedType(typeof(ModelCallStarted), "model_call_started")]
[JsonDerivedType(typeof(AssistantText), "assistant_text")]
[JsonDerivedType(typeof(MessageRecorded), "message_recorded")]
[JsonDerivedType(typeof(ToolCallRequested), "tool_call_requested")]
[JsonDerivedType(typeof(ApprovalRequested), "approval_requested")]
[JsonDerivedType(typeof(ApprovalAnswered), "approval_answered")]
[JsonDerivedType(typeof(ToolCallApproved), "tool_call_approved")]
[JsonDerivedType(typeof(ToolCallDenied), "tool_call_denied")]
[JsonDerivedType(typeof(ToolCallStarted), "tool_call_started")]
[JsonDerivedType(typeof(ToolCallFinished), "tool_call_finished")]
[JsonDerivedType(typeof(ToolOutput), "tool_output")]
[JsonDerivedType(typeof(UsageReported), "usage")]
[JsonDerivedType(typeof(FileChanged), "file_changed")]
[JsonDerivedType(typeof(DeliverableAdded), "deliverable")]
[JsonDerivedType(typeof(Warning), "warning")]
[JsonDerivedType(typeof(ContextCompacted), "context_compacted")]
[JsonDerivedType(typeof(TaskFinished), "task_finished")]
public abstract record TaskEvent
{
    public string TaskId { get; init; } = "";

    public string AgentId { get; init; } = AgentInfo.MainId;

    public long Sequence { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
