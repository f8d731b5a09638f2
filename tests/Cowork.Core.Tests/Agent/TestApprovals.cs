namespace Cowork.Tests;

/// <summary>An approval handler that answers with a function and records what it was asked.</summary>
internal sealed class TestApprovals(Func<ApprovalRequest, ApprovalDecision> decide) : IApprovalHandler
{
    private readonly Lock _gate = new();
    private readonly List<ApprovalRequest> _asked = [];

    /// <summary>Approves everything.</summary>
    public static TestApprovals Yes() => new(_ => ApprovalDecision.Yes);

    public IReadOnlyList<ApprovalRequest> Asked
    {
        get
        {
            lock (_gate)
            {
                return [.. _asked];
            }
        }
    }

    public ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _asked.Add(request);
        }

        return ValueTask.FromResult(decide(request));
    }
}
