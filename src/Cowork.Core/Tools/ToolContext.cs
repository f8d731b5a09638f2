namespace Cowork;

/// <summary>What a toolset needs to build its tools for one agent of one task.</summary>
/// <param name="Events">Where tools report changed files and deliverables.</param>
/// <param name="Folders">The folders granted to the task.</param>
/// <param name="DataDirectory">The task's own folder under COWORK_HOME (journal, artifacts).</param>
public sealed record ToolContext(EventPublisher Events, IReadOnlyList<FolderGrant> Folders, string DataDirectory) : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly Dictionary<Type, IDisposable> _shared = [];

    /// <summary>Paths no tool may change, even inside a grant: Cowork's own data and config.</summary>
    public IReadOnlyList<string> ProtectedPaths { get; init; } = [];

    /// <summary>Hands <paramref name="resource"/> to the task: it is disposed when the task's run ends.</summary>
    public T Own<T>(T resource)
        where T : IDisposable
    {
        lock (_owned)
        {
            _owned.Add(resource);
        }

        return resource;
    }

    /// <summary>
    /// The task's one <typeparamref name="T"/>, made by the first toolset that asks and owned by the task: what several
    /// toolsets must share, such as the workspace whose journal records every change.
    /// </summary>
    public T Shared<T>(Func<T> create)
        where T : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_owned)
        {
            if (!_shared.TryGetValue(typeof(T), out var existing))
            {
                existing = _shared[typeof(T)] = Own(create());
            }

            return (T)existing;
        }
    }

    public void Dispose()
    {
        lock (_owned)
        {
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }

            _owned.Clear();
            _shared.Clear();
        }
    }
}
