namespace Cowork.Bench.LongTask;

/// <summary>Approves the plan and every call, as <c>--yes</c> does.</summary>
internal sealed class ApproveAll : IApprovalHandler
{
    public ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default) => ValueTask.FromResult(ApprovalDecision.Yes);
}
