namespace Cowork.Files;

/// <summary>Files with identical bytes: the one to keep (the oldest; on a tie the shallowest, then the shortest name) and its copies.</summary>
public sealed record DuplicateGroup(string Hash, long Size, RelativePath Keep, IReadOnlyList<RelativePath> Copies);
