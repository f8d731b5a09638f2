namespace Cowork.Sandbox;

/// <summary>One run to set up: what is mounted, where it starts, what it runs, within which limits.</summary>
/// <param name="CodeFolder">A host folder holding the script, shown read-only at <see cref="BubblewrapCommand.CodeMount"/>.</param>
/// <param name="Command">The interpreter and its arguments, as seen inside the sandbox.</param>
/// <param name="Cgroup">A pids cgroup the sandbox joins before it starts, or <see langword="null"/>.</param>
internal sealed record SandboxSpec(
    IReadOnlyList<SandboxMount> Mounts,
    string CodeFolder,
    string WorkingDirectory,
    IReadOnlyList<string> Command,
    ResourceLimits Limits,
    string? Cgroup = null);
