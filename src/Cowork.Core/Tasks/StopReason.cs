using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>Why a task's run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StopReason>))]
public enum StopReason
{
    /// <summary>The model finished its work and gave a final answer.</summary>
    [JsonStringEnumMemberName("finished")] Finished,

    /// <summary>The task's token or cost budget was used up.</summary>
    [JsonStringEnumMemberName("budget_reached")] BudgetReached,

    /// <summary>The person paused the task (<c>cowork pause</c>); <c>cowork continue</c> takes it up again.</summary>
    [JsonStringEnumMemberName("paused")] Paused,

    /// <summary>The bounded number of model turns was used up.</summary>
    [JsonStringEnumMemberName("turn_limit")] TurnLimit,

    /// <summary>The person rejected the plan.</summary>
    [JsonStringEnumMemberName("plan_rejected")] PlanRejected,

    /// <summary>The plan needs approval and nobody can be asked (no terminal, no <c>--yes</c>).</summary>
    [JsonStringEnumMemberName("approval_unavailable")] ApprovalUnavailable,

    /// <summary>The person cancelled the task (Ctrl-C or <c>cowork cancel</c>).</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    /// <summary>The model could not be reached or refused the request (bad key, unknown model, retries used up).</summary>
    [JsonStringEnumMemberName("model_error")] ModelError,

    /// <summary>The request is beyond what the configured model can do (the offline planner without a model).</summary>
    [JsonStringEnumMemberName("needs_model")] NeedsModel,

    /// <summary>An unexpected failure inside Cowork.</summary>
    [JsonStringEnumMemberName("internal_error")] InternalError,
}
