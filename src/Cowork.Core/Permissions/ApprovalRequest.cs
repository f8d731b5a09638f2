namespace Cowork;

/// <summary>A question for the person: approve this plan, or let this tool call run.</summary>
/// <param name="Id">Unique in the task; the plan's is <see cref="CoworkTask.PlanApprovalId"/>.</param>
/// <param name="Kind">Plan or tool.</param>
/// <param name="Subject">One line: "Approve the plan (4 steps)?" or "Delete 3 files?".</param>
/// <param name="Detail">More to show: the plan's steps, the call's arguments.</param>
public sealed record ApprovalRequest(string Id, ApprovalKind Kind, string Subject, string? Detail);
