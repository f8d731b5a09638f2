namespace Cowork;

/// <summary>The person's answer to an <see cref="ApprovalRequest"/>.</summary>
public sealed record ApprovalDecision(bool Approved, string? Reason = null)
{
    public static ApprovalDecision Yes { get; } = new(true);

    public static ApprovalDecision No(string? reason = null) => new(false, reason);
}
