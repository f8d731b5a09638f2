namespace Cowork.Files;

/// <summary>One file organize_folder will move: which entry, into which folder (beneath the organized folder's grant), and why.</summary>
/// <param name="Reason">Where the date came from, when the scheme uses dates; empty otherwise.</param>
public sealed record PlannedMove(RelativePath Source, RelativePath TargetFolder, string Reason);
