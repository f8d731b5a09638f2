namespace Cowork.Sandbox;

/// <summary>The sandboxed code tool, run_code.</summary>
public sealed class SandboxToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [];
    }
}
