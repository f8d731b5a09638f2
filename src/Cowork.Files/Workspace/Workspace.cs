namespace Cowork.Files;

/// <summary>
/// The folders a task may touch. Every path a tool receives is resolved here, beneath a grant, or refused
/// with a message that names the grants.
/// </summary>
/// <remarks>
/// Resolution normalizes the path and then walks it component by component from the grant's root, refusing any
/// component that is a symbolic link, so a link inside a grant cannot lead outside it.
/// Thread-safe: it holds no mutable state.
/// </remarks>
public sealed class Workspace
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public Workspace(IReadOnlyList<FolderGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        Grants = grants;
    }

    public IReadOnlyList<FolderGrant> Grants { get; }

    /// <summary>Resolves <paramref name="path"/> (absolute, or relative to a grant) beneath a grant.</summary>
    /// <param name="forWriting">Refuse read-only grants.</param>
    /// <exception cref="ToolException">The path is outside every grant, goes through a link, or needs write access to a read-only grant.</exception>
    public ResolvedPath Resolve(string path, bool forWriting = false)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ToolException($"No path given. {DescribeGrants()}");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ToolException("The path contains a NUL character.");
        }

        if (Grants.Count == 0)
        {
            throw new ToolException("No folder is granted to this task, so no file can be touched. The person grants folders with --folder.");
        }

        ResolvedPath? resolved = null;
        if (Path.IsPathFullyQualified(path))
        {
            var full = Normalize(path);
            var grant = Grants.Where(g => IsBeneath(full, g.Path)).MaxBy(g => g.Path.Length);
            resolved = grant is null ? null : new ResolvedPath(full, grant);
        }
        else
        {
            foreach (var grant in Grants)
            {
                var full = Normalize(Path.Combine(grant.Path, path));
                if (IsBeneath(full, grant.Path))
                {
                    resolved ??= new ResolvedPath(full, grant);
                    if (Path.Exists(full))
                    {
                        resolved = new ResolvedPath(full, grant);
                        break;
                    }
                }
            }
        }

        if (resolved is null)
        {
            throw new ToolException($"{path} is outside the granted folders. {DescribeGrants()}");
        }

        if (forWriting && resolved.Grant.Access == FolderAccess.ReadOnly)
        {
            throw new ToolException($"{resolved.Grant.Path} is granted read-only; {path} cannot be changed.");
        }

        RefuseLinks(resolved);
        return resolved;
    }

    /// <summary>Whether <paramref name="full"/> is <paramref name="root"/> or lies beneath it.</summary>
    public static bool IsBeneath(string full, string root) =>
        full.Equals(root, PathComparison)
        || (full.StartsWith(root, PathComparison) && (root.EndsWith(Path.DirectorySeparatorChar) || full[root.Length] == Path.DirectorySeparatorChar));

    public string DescribeGrants() =>
        Grants.Count == 0 ? "No folders are granted." : "Granted folders: " + string.Join("; ", Grants.Select(g => g.ToString())) + ".";

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static void RefuseLinks(ResolvedPath resolved)
    {
        var root = resolved.Grant.Path;
        var relative = Path.GetRelativePath(root, resolved.FullPath);
        if (relative == ".")
        {
            return;
        }

        var current = root;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(current);
            if (!info.Exists)
            {
                info = new DirectoryInfo(current);
                if (!info.Exists)
                {
                    return; // The rest does not exist yet (a file about to be created).
                }
            }

            if (info.LinkTarget is not null)
            {
                throw new ToolException($"{Path.GetRelativePath(root, current)} in {root} is a symbolic link; Cowork does not follow links, so nothing can lead outside the granted folders.");
            }
        }
    }
}
