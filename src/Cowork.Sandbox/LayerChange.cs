namespace Cowork.Sandbox;

/// <summary>One difference between a grant and what the code left in its overlay.</summary>
/// <param name="From">The old path of a move.</param>
/// <param name="Why">Why a change is refused.</param>
internal sealed record LayerChange(LayerChangeKind Kind, RelativePath Path, RelativePath? From = null, string? Why = null);
