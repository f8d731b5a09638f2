namespace Cowork;

/// <summary>The front end's side of an approval: shows the question, returns the person's answer.</summary>
/// <remarks>
/// Implementations throw <see cref="ApprovalUnavailableException"/> when nobody can be asked
/// (no terminal and no standing approval); the task then stops with <see cref="StopReason.ApprovalUnavailable"/>.
/// </remarks>
public interface IApprovalHandler
{
    ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default);
}
