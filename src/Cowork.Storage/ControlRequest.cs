namespace Cowork.Storage;

/// <summary>A request another process left for a task: one row of the <c>controls</c> table.</summary>
public sealed record ControlRequest(long Id, ControlKind Kind, string? Payload, DateTimeOffset CreatedAt);
