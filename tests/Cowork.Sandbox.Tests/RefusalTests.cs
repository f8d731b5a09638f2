using Cowork.Tests;

namespace Cowork.Sandbox.Tests;

/// <summary>Without a sandbox run_code refuses unless the person opted in, and then it always asks.</summary>
public sealed class RefusalTests
{
    private static SandboxHost NoSandbox => SandboxHost.Current with { Kind = SandboxKind.None, SandboxProgram = null };

    [Fact]
    public async Task Without_a_sandbox_run_code_refuses_and_says_how_to_opt_in()
    {
        using var run = new Sandboxed(host: NoSandbox);

        var error = await Assert.ThrowsAsync<ToolException>(() => run.RunAsync("bash", "echo hi > made.txt"));

        Assert.Contains("no sandbox", error.Message, StringComparison.Ordinal);
        Assert.Contains("allow_unsandboxed", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Grant, "made.txt")));
        Assert.Equal(ToolEffects.None, run.Tool.Effects & ToolEffects.Unsandboxed);
    }

    [Fact]
    public void Opted_into_unsandboxed_code_the_gate_asks_every_time_whatever_the_settings_say()
    {
        using var run = new Sandboxed(host: NoSandbox, config: new RunCodeConfig { AllowUnsandboxed = true });
        var allowAll = new PermissionPolicy([new(ToolNames.RunCode, PermissionMode.Allow)]);
        var deny = new PermissionPolicy([new(ToolNames.RunCode, PermissionMode.Deny)]);

        Assert.True(run.Tool.Effects.HasFlag(ToolEffects.Unsandboxed));
        Assert.Contains("asks each time", run.Tool.Function.Description, StringComparison.Ordinal);
        Assert.Equal(PermissionMode.Ask, allowAll.ModeFor(ToolNames.RunCode, run.Tool.Effects));
        Assert.Equal(PermissionMode.Deny, deny.ModeFor(ToolNames.RunCode, run.Tool.Effects));
        Assert.Equal(PermissionMode.Allow, allowAll.ModeFor(ToolNames.RunCode, ToolEffects.RunCode));
    }

    [SkippableFact]
    public async Task Opted_in_it_runs_unconfined_and_says_its_changes_cannot_be_undone()
    {
        ExternalTool.RequireThat(SandboxHost.Current.Bash is not null, "needs bash");
        using var run = new Sandboxed(host: NoSandbox, config: new RunCodeConfig { AllowUnsandboxed = true });

        var result = await run.RunAsync("bash", "echo hi; pwd");

        Assert.Contains("Exit status 0", result, StringComparison.Ordinal);
        Assert.Contains(run.Grant, result, StringComparison.Ordinal);
        Assert.Contains("cannot be undone", result, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("ruby", "puts 1", "Unknown language")]
    [InlineData("python", "  ", "No code given")]
    public async Task Bad_arguments_get_a_clear_message(string language, string code, string expected)
    {
        Sandboxed.RequireBubblewrap();
        using var run = new Sandboxed();

        var error = await Assert.ThrowsAsync<ToolException>(() => run.RunAsync(language, code));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_working_folder_outside_the_grants_is_refused()
    {
        Sandboxed.RequireBubblewrap();
        using var run = new Sandboxed();

        var error = await Assert.ThrowsAsync<ToolException>(() => run.RunAsync("bash", "pwd", workingFolder: run.Outside));

        Assert.Contains("outside the granted folders", error.Message, StringComparison.Ordinal);
        Assert.Contains(run.ReadOnly, await run.RunAsync("bash", "pwd", workingFolder: run.ReadOnly), StringComparison.Ordinal);
    }
}
