using System.Text;

namespace Cowork.Files;

/// <summary>
/// The folders a task may touch, each opened as an <see cref="IFolderRoot"/> nothing can escape. Every path a tool
/// receives is resolved here, beneath a grant, or refused with a message that names the grants; every change goes
/// through <see cref="Changes"/>, which journals it.
/// </summary>
/// <remarks>
/// Protected names are never written, whatever the grant: <c>.git/hooks</c>, <c>.git/config</c>, shell start-up
/// files, Cowork's trash, and Cowork's own data and config. Thread-safe.
/// </remarks>
public sealed class Workspace : IDisposable
{
    /// <summary>The folder inside each grant where deleted and overwritten contents are kept until undo is no longer possible.</summary>
    public const string TrashFolderName = ".cowork-trash";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private static readonly string[] ShellStartupFiles =
        [".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".cshrc", ".tcshrc", ".kshrc"];

    private readonly Lazy<IFolderRoot>[] _roots;
    private readonly IReadOnlyList<string> _protectedPaths;

    /// <param name="protectedPaths">Absolute paths never written (Cowork's home and config).</param>
    /// <param name="changes">Journals changes; <see langword="null"/> for a workspace that only reads.</param>
    public Workspace(IReadOnlyList<FolderGrant> grants, IReadOnlyList<string>? protectedPaths = null, Func<Workspace, FileChanges>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(grants);
        Grants = grants;
        _protectedPaths = protectedPaths ?? [];
        _roots = [.. grants.Select(g => new Lazy<IFolderRoot>(() => FolderRoot.Open(g.Path), LazyThreadSafetyMode.ExecutionAndPublication))];
        Changes = changes?.Invoke(this);
    }

    /// <summary>The task's workspace, shared by every toolset so that one journal records all its changes.</summary>
    public static Workspace ForTask(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Shared(() => new Workspace(context.Folders, context.ProtectedPaths,
            w => new FileChanges(w, Path.Combine(context.DataDirectory, ChangeJournal.FileName), context.Events.TaskId, context.Events.Publish)));
    }

    public IReadOnlyList<FolderGrant> Grants { get; }

    /// <summary>Where changes go; <see langword="null"/> when the workspace only reads.</summary>
    public FileChanges? Changes { get; }

    public IFolderRoot Root(ResolvedPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Root(path.GrantIndex);
    }

    public IFolderRoot Root(int grantIndex)
    {
        try
        {
            return _roots[grantIndex].Value;
        }
        catch (FolderRootException ex)
        {
            throw new ToolException($"The granted folder {Grants[grantIndex].Path} cannot be opened: {ex.Message}");
        }
    }

    /// <summary>Resolves <paramref name="path"/> (absolute, or relative to a grant) beneath a grant.</summary>
    /// <param name="forWriting">Refuse read-only grants and protected names.</param>
    /// <exception cref="ToolException">The path is outside every grant, or needs write access it does not have.</exception>
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

        var resolved = Path.IsPathFullyQualified(path) ? ResolveAbsolute(path) : ResolveRelative(path);
        if (resolved is null)
        {
            throw new ToolException($"{path} is outside the granted folders. {DescribeGrants()}");
        }

        if (IsInTrash(resolved.Path))
        {
            throw new ToolException($"{path} is inside Cowork's trash, which tools do not touch; `cowork undo` restores from it.");
        }

        if (forWriting)
        {
            CheckWritable(resolved);
        }

        return resolved;
    }

    /// <summary>The same check <see cref="Resolve"/> makes with forWriting, for paths found by listing.</summary>
    /// <exception cref="ToolException">The grant is read-only or the name is protected.</exception>
    public void CheckWritable(ResolvedPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Grant.Access == FolderAccess.ReadOnly)
        {
            throw new ToolException($"{path.Grant.Path} is granted read-only; {path.FullPath} cannot be changed.");
        }

        if (ProtectionOf(path) is { } why)
        {
            throw new ToolException($"{path.FullPath} is protected ({why}); Cowork never changes it.");
        }
    }

    /// <summary>Whether <paramref name="path"/> is Cowork's trash or inside it.</summary>
    public static bool IsInTrash(RelativePath path) =>
        path.Components.Count > 0 && path.Components[0].AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(TrashFolderName));

    /// <summary>Whether <paramref name="full"/> is <paramref name="root"/> or lies beneath it.</summary>
    public static bool IsBeneath(string full, string root) =>
        full.Equals(root, PathComparison)
        || (full.StartsWith(root, PathComparison) && (root.EndsWith(Path.DirectorySeparatorChar) || full[root.Length] == Path.DirectorySeparatorChar));

    public string DescribeGrants() =>
        Grants.Count == 0 ? "No folders are granted." : "Granted folders: " + string.Join("; ", Grants.Select(g => g.ToString())) + ".";

    public void Dispose()
    {
        Changes?.Dispose();
        foreach (var root in _roots.Where(r => r.IsValueCreated))
        {
            root.Value.Dispose();
        }
    }

    private ResolvedPath? ResolveAbsolute(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var best = -1;
        for (var i = 0; i < Grants.Count; i++)
        {
            if (IsBeneath(full, Grants[i].Path) && (best < 0 || Grants[i].Path.Length > Grants[best].Path.Length))
            {
                best = i;
            }
        }

        return best < 0 ? null : new ResolvedPath(Grants[best], best, RelativePath.Parse(Path.GetRelativePath(Grants[best].Path, full)));
    }

    private ResolvedPath? ResolveRelative(string path)
    {
        RelativePath relative;
        try
        {
            relative = RelativePath.Parse(path);
        }
        catch (ArgumentException)
        {
            return null;
        }

        // Relative to the grant where it exists; else to the first grant (a file about to be created).
        ResolvedPath? first = null;
        for (var i = 0; i < Grants.Count; i++)
        {
            var candidate = new ResolvedPath(Grants[i], i, relative);
            first ??= candidate;
            if (Grants.Count == 1 || Root(i).Stat(relative) is not null)
            {
                return candidate;
            }
        }

        return first;
    }

    private string? ProtectionOf(ResolvedPath path)
    {
        var names = path.Path.Components.Select(c => Encoding.UTF8.GetString(c)).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i] == ".git" && i + 1 < names.Length && names[i + 1] is "hooks" or "config")
            {
                return "a git repository's hooks and config run code";
            }

            if (ShellStartupFiles.Contains(names[i], StringComparer.Ordinal))
            {
                return "a shell start-up file runs code";
            }
        }

        if (IsInTrash(path.Path))
        {
            return "Cowork's trash";
        }

        var full = path.FullPath;
        foreach (var protectedPath in _protectedPaths)
        {
            if (IsBeneath(full, protectedPath) || IsBeneath(protectedPath, full))
            {
                return "Cowork's own data and settings";
            }
        }

        return null;
    }
}
