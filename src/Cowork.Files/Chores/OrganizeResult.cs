namespace Cowork.Files;

/// <summary>What organize_folder did: files moved, folders they went to, and what failed.</summary>
public sealed record OrganizeResult(int Moved, int Folders, IReadOnlyList<string> Failures, IReadOnlyDictionary<string, int> PerFolder);
