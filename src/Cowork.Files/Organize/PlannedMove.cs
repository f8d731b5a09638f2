namespace Cowork.Files;

/// <summary>One file organize_folder will move: from where, to which folder (relative to the organized folder), and why.</summary>
public sealed record PlannedMove(string Source, string TargetFolder, string Reason);
