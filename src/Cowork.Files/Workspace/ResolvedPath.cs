namespace Cowork.Files;

/// <summary>A path checked to lie beneath a grant.</summary>
/// <param name="FullPath">Absolute and normalized.</param>
/// <param name="Grant">The grant it lies under.</param>
public sealed record ResolvedPath(string FullPath, FolderGrant Grant)
{
    /// <summary>The path relative to its grant, with '/' separators; "." for the grant itself.</summary>
    public string RelativePath
    {
        get
        {
            var relative = Path.GetRelativePath(Grant.Path, FullPath);
            return relative.Replace(Path.DirectorySeparatorChar, '/');
        }
    }
}
