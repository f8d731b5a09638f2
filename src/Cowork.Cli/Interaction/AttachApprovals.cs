using Cowork.Storage;

namespace Cowork.Cli.Interaction;

/// <summary>
/// Approvals for a task running in the background: the request is an event, so <c>cowork attach</c> shows it and asks
/// the person; the answer comes back through the store. The task waits as long as it takes.
/// </summary>
internal sealed class AttachApprovals(ControlPoller poller) : IApprovalHandler
{
    public async ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await poller.WaitForAnswerAsync(request.Id, cancellationToken);
        return answer.Approved ? ApprovalDecision.Yes : ApprovalDecision.No(answer.Reason ?? "declined in cowork attach");
    }
}
