namespace Cowork.Files;

/// <summary>What became of one <see cref="MoveRequest"/>: where it went, or why it did not.</summary>
public sealed record MoveOutcome(MoveRequest Request, ResolvedPath? Destination, string? Error)
{
    public bool Moved => Destination is not null;
}
