namespace Cowork;

/// <summary>A folder the person has granted to a task, with its access mode.</summary>
/// <param name="Path">The absolute, normalized path of the folder.</param>
/// <param name="Access">Whether the task may change files in it.</param>
public sealed record FolderGrant(string Path, FolderAccess Access)
{
    /// <summary>Parses the CLI form <c>DIR</c>, <c>DIR:ro</c> or <c>DIR:rw</c>.</summary>
    /// <remarks>Only a trailing <c>:ro</c> or <c>:rw</c> is a mode, so Windows drive letters (<c>C:\x</c>) parse as paths.</remarks>
    public static FolderGrant Parse(string spec, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var access = FolderAccess.ReadWrite;
        var path = spec;
        if (spec.EndsWith(":ro", StringComparison.OrdinalIgnoreCase))
        {
            access = FolderAccess.ReadOnly;
            path = spec[..^3];
        }
        else if (spec.EndsWith(":rw", StringComparison.OrdinalIgnoreCase))
        {
            path = spec[..^3];
        }

        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path, baseDirectory));
        return new FolderGrant(full, access);
    }

    public override string ToString() => $"{Path} ({(Access == FolderAccess.ReadOnly ? "read-only" : "read-write")})";
}
