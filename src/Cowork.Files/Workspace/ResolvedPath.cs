namespace Cowork.Files;

/// <summary>A path checked to lie beneath a grant: which grant, and the path inside it.</summary>
/// <param name="GrantIndex">The grant's position in the workspace (and in the journal's header).</param>
public sealed record ResolvedPath(FolderGrant Grant, int GrantIndex, RelativePath Path)
{
    /// <summary>The absolute path, for display and messages.</summary>
    public string FullPath => Path.ToHostPath(Grant.Path);

    public ResolvedPath With(RelativePath path) => this with { Path = path };

    public override string ToString() => FullPath;
}
