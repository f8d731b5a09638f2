namespace Cowork;

/// <summary>Per-tool allow / ask / deny, over defaults derived from what each tool does.</summary>
/// <remarks>
/// Defaults: reads are allowed; writes are allowed once the plan is approved and refused before;
/// deletes, running code and network access ask. A per-tool entry overrides the default, except that
/// nothing that changes files runs before the plan is approved, whatever the entry says, and unsandboxed code
/// always asks (an entry can only deny it).
/// </remarks>
public sealed class PermissionPolicy
{
    private readonly Dictionary<string, PermissionMode> _perTool = new(StringComparer.Ordinal);

    public PermissionPolicy()
    {
    }

    public PermissionPolicy(IEnumerable<KeyValuePair<string, PermissionMode>> perTool)
    {
        ArgumentNullException.ThrowIfNull(perTool);
        foreach (var (tool, mode) in perTool)
        {
            Set(tool, mode);
        }
    }

    public IReadOnlyDictionary<string, PermissionMode> PerTool => _perTool;

    public void Set(string tool, PermissionMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        _perTool[tool] = mode;
    }

    /// <summary>The mode for <paramref name="tool"/> with <paramref name="effects"/>, ignoring plan state.</summary>
    public PermissionMode ModeFor(string tool, ToolEffects effects)
    {
        if (_perTool.TryGetValue(tool, out var mode))
        {
            return (effects & ToolEffects.Unsandboxed) != 0 && mode == PermissionMode.Allow ? PermissionMode.Ask : mode;
        }

        return (effects & (ToolEffects.Delete | ToolEffects.RunCode | ToolEffects.Network)) != 0
            ? PermissionMode.Ask
            : PermissionMode.Allow;
    }
}
