namespace Cowork.Files;

/// <summary>Files with identical bytes: the one to keep (the oldest) and its copies.</summary>
public sealed record DuplicateGroup(string Hash, long Size, RelativePath Keep, IReadOnlyList<RelativePath> Copies);
