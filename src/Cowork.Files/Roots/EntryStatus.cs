namespace Cowork.Files;

/// <summary>What <c>lstat</c> tells about an entry.</summary>
/// <param name="LinkCount">Hard links to the inode; writes to a file with more than one are refused.</param>
/// <param name="Inode">Identifies the file on its device, to tell whether a file is still the one the journal recorded.</param>
public sealed record EntryStatus(EntryKind Kind, long Size, DateTimeOffset Modified, long LinkCount, ulong Device, ulong Inode);
