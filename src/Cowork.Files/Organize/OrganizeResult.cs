namespace Cowork.Files;

/// <summary>What organize_folder did.</summary>
public sealed record OrganizeResult(int Moved, int Folders, int FoldersCreated, IReadOnlyList<string> Failures, IReadOnlyDictionary<string, int> PerFolder);
