using Cowork.Cli.Interaction;
using Spectre.Console;

namespace Cowork.Cli.Tests;

/// <summary>The live view from events: what code prints while it runs, and that older turns are now a summary.</summary>
public sealed class LiveViewTests
{
    [Fact]
    public void The_running_tools_output_and_the_last_compaction_are_shown_and_the_output_goes_with_the_call()
    {
        var progress = new TaskProgress(TimeProvider.System);
        progress.Apply(new ToolCallRequested("c1", "run_code", """{"language":"python"}"""));
        progress.Apply(new ToolCallStarted("c1", "run_code"));
        progress.Apply(new ToolOutput("c1", "stdout", string.Concat(Enumerable.Range(1, 40).Select(i => $"row {i}\n"))));
        progress.Apply(new ContextCompacted(30, 1800, 40_000, 9_000, 32, "The reports were read."));

        var shown = Show(progress.Read());
        Assert.Contains("row 40", shown, StringComparison.Ordinal);
        Assert.Contains("row 36", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("row 35", shown, StringComparison.Ordinal);
        Assert.Contains("the first 32 messages are sent as a summary (about 40,000 → 9,000 tokens a request)", shown, StringComparison.Ordinal);

        progress.Apply(new ToolCallFinished("c1", "run_code", true, "ok", 1000));
        Assert.DoesNotContain("row 40", Show(progress.Read()), StringComparison.Ordinal);
    }

    private static string Show(TaskProgress.Snapshot snapshot)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 160;
        console.Write(Render.Live(snapshot));
        return writer.ToString();
    }
}
