namespace Cowork;

/// <summary>What the person asked for, where, and with which model.</summary>
/// <param name="DataDirectory">The task's own folder under COWORK_HOME.</param>
public sealed record TaskRequest(string Request, IReadOnlyList<FolderGrant> Folders, ModelSpec Model, string DataDirectory)
{
    /// <summary>Requests longer than this are refused: long material belongs in a file in a granted folder.</summary>
    public const int MaxRequestLength = 20_000;

    /// <summary>Paths no tool may change, even inside a grant: Cowork's own data and config.</summary>
    public IReadOnlyList<string> ProtectedPaths { get; init; } = [];
}
