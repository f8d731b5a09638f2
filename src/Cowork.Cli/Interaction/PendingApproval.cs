namespace Cowork.Cli.Interaction;

/// <summary>An approval waiting for the person, handed from the task's thread to the UI loop.</summary>
internal sealed class PendingApproval(ApprovalRequest request)
{
    public ApprovalRequest Request { get; } = request;

    public TaskCompletionSource<ApprovalDecision> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
