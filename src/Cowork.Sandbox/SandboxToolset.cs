using Microsoft.Extensions.AI;

namespace Cowork.Sandbox;

/// <summary>The sandboxed code tool, run_code.</summary>
public sealed class SandboxToolset : IToolset
{
    private readonly RunCodeConfig _config;
    private readonly ResourceLimits _limits;
    private readonly SandboxHost? _host;

    /// <param name="config">The config's run_code section: the unsandboxed opt-in and the limits.</param>
    public SandboxToolset(RunCodeConfig? config = null)
        : this(config ?? new RunCodeConfig(), ResourceLimits.From(config ?? new RunCodeConfig()), null)
    {
    }

    /// <summary>With other limits, or another host (tests).</summary>
    internal SandboxToolset(RunCodeConfig config, ResourceLimits limits, SandboxHost? host)
    {
        _config = config;
        _limits = limits;
        _host = host;
    }

    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = _host ?? SandboxHost.Current;
        var limits = _limits;
        var tool = new RunCodeTool(Workspace.ForTask(context), context.Events, host, limits, _config.AllowUnsandboxed,
            Path.Combine(context.DataDirectory, "run_code"));
        var effects = ToolEffects.RunCode
            | (context.Folders.Any(f => f.Access == FolderAccess.ReadWrite) ? ToolEffects.Write | ToolEffects.Delete : ToolEffects.None)
            | (tool.Unsandboxed ? ToolEffects.Unsandboxed : ToolEffects.None);
        var description =
            $"Run a Python 3 or bash program when no other tool fits. {host.Describe()} " +
            "Granted folders are at their own paths (read-only grants read-only); what it creates, changes, renames or deletes in " +
            "read-write ones is applied through Cowork's journal after it ends, so undo can reverse it. /tmp and $HOME are private " +
            "and discarded. Links, FIFOs and devices it makes are not kept. " +
            $"Limits: {limits.Timeout.TotalSeconds:0} s, {limits.MemoryBytes >> 20} MiB memory, {limits.Processes} processes, " +
            $"{limits.FileSizeBytes >> 20} MiB per file. Returns the exit status, the output (start and end) and the files changed.";
        yield return new ToolDescriptor(AIFunctionFactory.Create(tool.RunCode, ToolNames.RunCode, description), effects);
    }
}
