namespace Cowork.Files;

/// <summary>One file rename_files will rename: which entry, its new name, and where the date in it came from.</summary>
public sealed record PlannedRename(RelativePath Source, string NewName, string DateSource);
