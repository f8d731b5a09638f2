using System.Text.Json.Serialization;

namespace Cowork;

// The closed vocabulary of task events, kept in one file so it reads as one list; TaskEvent registers each type.

/// <summary>The person asked for something.</summary>
public sealed record TaskCreated(string Request, IReadOnlyList<FolderGrant> Folders, string Model) : TaskEvent;

public sealed record TaskStateChanged(TaskState State) : TaskEvent;

/// <summary>A stopped or interrupted task was taken up again; <paramref name="From"/> is the state it was left in.</summary>
public sealed record TaskResumed(TaskState From) : TaskEvent;

/// <summary>The person's direction reached the model (at a turn boundary): a message, or an edit of the plan.</summary>
public sealed record SteeringReceived(string Message) : TaskEvent;

/// <summary>An agent began work: the main agent at start, or a sub-agent spawned by another agent.</summary>
public sealed record AgentStarted(AgentInfo Agent) : TaskEvent;

/// <summary>The model wrote or revised the plan.</summary>
public sealed record PlanUpdated(IReadOnlyList<PlanStep> Steps, string? Explanation) : TaskEvent;

/// <summary>A plan step moved to in progress. <paramref name="Index"/> is zero-based.</summary>
public sealed record StepStarted(int Index, string Title) : TaskEvent;

/// <summary>A plan step reached done, failed or skipped.</summary>
public sealed record StepFinished(int Index, string Title, StepStatus Status) : TaskEvent;

/// <summary>A request to the model is about to be sent. <paramref name="Turn"/> counts from 1 per task.</summary>
public sealed record ModelCallStarted(int Turn) : TaskEvent;

/// <summary>A piece of the model's visible answer, as it streams in.</summary>
public sealed record AssistantText(string Text) : TaskEvent;

/// <summary>
/// A message of the conversation with the model, kept so an interrupted task resumes exactly where it was: the system
/// prompt and user messages as they are added, each assistant reply once its stream ended, each tool result as it returned.
/// </summary>
public sealed record MessageRecorded(ConversationMessage Message) : TaskEvent;

public sealed record ToolCallRequested(string CallId, string Tool, string Arguments) : TaskEvent;

/// <summary>Something needs the person's yes or no: the plan, or a tool call the policy says to ask about.</summary>
public sealed record ApprovalRequested(string ApprovalId, ApprovalKind Kind, string Subject, string? Detail) : TaskEvent;

public sealed record ApprovalAnswered(string ApprovalId, bool Approved, string? Reason) : TaskEvent;

/// <summary>The permission gate let a tool call through; <paramref name="By"/> is "policy" or "person".</summary>
public sealed record ToolCallApproved(string CallId, string Tool, string By) : TaskEvent;

public sealed record ToolCallDenied(string CallId, string Tool, string Reason) : TaskEvent;

public sealed record ToolCallStarted(string CallId, string Tool) : TaskEvent;

/// <summary>A tool call ended; <paramref name="Summary"/> is the first line of what the model was told.</summary>
public sealed record ToolCallFinished(string CallId, string Tool, bool Succeeded, string Summary, long DurationMs) : TaskEvent;

/// <summary>Output a running tool produced (run_code's standard output or error), streamed as it comes.</summary>
/// <param name="Stream">"stdout" or "stderr".</param>
public sealed record ToolOutput(string CallId, string Stream, string Text) : TaskEvent;

/// <summary>Tokens one model call used, as the provider reported them.</summary>
public sealed record UsageReported(string Model, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens) : TaskEvent;

/// <summary>A file or folder in a granted folder was changed. <paramref name="FromPath"/> is set for moves and copies.</summary>
public sealed record FileChanged(FileChangeKind Change, string Path, string? FromPath) : TaskEvent;

public sealed record DeliverableAdded(string Path, string Description) : TaskEvent;

public sealed record Warning(string Message) : TaskEvent;

/// <summary>
/// Older turns were replaced by a summary in what the model is sent (the full history stays here, in the log).
/// The token counts are the estimates of the request before and after. <paramref name="Covered"/> (the leading messages
/// of the conversation the summary stands for) and <paramref name="Summary"/> let a resumed task go on from this
/// summary instead of writing it again.
/// </summary>
public sealed record ContextCompacted(int MessagesCompacted, int SummaryChars, long TokensBefore, long TokensAfter, int Covered = 0, string? Summary = null) : TaskEvent;

/// <summary>The run ended. <paramref name="Message"/> is the model's final answer or the reason it stopped.</summary>
public sealed record TaskFinished(TaskState State, StopReason Reason, string Message) : TaskEvent;

[JsonConverter(typeof(JsonStringEnumConverter<ApprovalKind>))]
public enum ApprovalKind
{
    [JsonStringEnumMemberName("plan")] Plan,
    [JsonStringEnumMemberName("tool")] Tool,
}

[JsonConverter(typeof(JsonStringEnumConverter<FileChangeKind>))]
public enum FileChangeKind
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("modified")] Modified,
    [JsonStringEnumMemberName("moved")] Moved,
    [JsonStringEnumMemberName("copied")] Copied,
    [JsonStringEnumMemberName("deleted")] Deleted,
    [JsonStringEnumMemberName("folder_created")] FolderCreated,
}
