namespace Cowork.Storage;

/// <summary>A person's answer, given in another process (<c>cowork attach</c>), to an approval a task is waiting for.</summary>
public sealed record ApprovalAnswer(string ApprovalId, bool Approved, string? Reason);
