namespace Cowork.Data;

/// <summary>A file's rows as text, read afresh on each pass so a file of any size is streamed, never held.</summary>
internal abstract class RowSource
{
    /// <summary>The first rows as read, header included when there is one; for sniffing and inference.</summary>
    public abstract IEnumerable<string?[]> RawRows(LoadWarnings warnings, CancellationToken cancellationToken);

    /// <summary>Whether the first raw row is a header; sources whose format says so (JSON keys) decide themselves.</summary>
    public virtual bool? HasHeader => null;
}
