namespace Cowork.Files;

/// <summary>One entry of a listed folder: its path beneath the root and its status.</summary>
public sealed record DirectoryEntry(RelativePath Path, EntryStatus Status);
