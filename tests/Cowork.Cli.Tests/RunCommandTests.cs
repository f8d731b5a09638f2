using System.Text.Json;

namespace Cowork.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Live_view_shows_the_plan_and_the_summary()
    {
        var downloads = _temp.CopySamples();
        var cli = new CliRun(_temp, interactive: true);

        var exit = await cli.InvokeAsync("run", "Organize my Downloads by type", "--folder", downloads, "--yes");

        Assert.Equal(0, exit);
        var screen = cli.Console.Output;
        Assert.Contains("Plan", screen, StringComparison.Ordinal);
        Assert.Contains("Move the files into type folders", screen, StringComparison.Ordinal);
        Assert.Contains("✔", screen, StringComparison.Ordinal);
        Assert.Contains("Completed", screen, StringComparison.Ordinal);
        Assert.Contains("moved", screen, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(downloads, "Images", "IMG_20240312_101500.png")));
    }

    [Fact]
    public async Task Live_view_asks_for_the_plan_and_a_yes_carries_it_out()
    {
        var downloads = _temp.CopySamples();
        var cli = new CliRun(_temp, interactive: true, canPrompt: true);
        cli.Console.Input.PushTextWithEnter("y");

        var exit = await cli.InvokeAsync("run", "sort this folder by date", "--folder", downloads);

        Assert.Equal(0, exit);
        Assert.Contains("Approve the plan", cli.Console.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(downloads, "2024", "2024-03", "IMG_20240312_101500.png")));
    }

    [Fact]
    public async Task A_no_at_the_plan_prompt_changes_nothing()
    {
        var downloads = _temp.CopySamples();
        var before = TempFolder.Snapshot(downloads);
        var cli = new CliRun(_temp, interactive: true, canPrompt: true);
        cli.Console.Input.PushTextWithEnter("n");

        var exit = await cli.InvokeAsync("run", "Organize my Downloads by type and date", "--folder", downloads);

        Assert.Equal(130, exit);
        Assert.Equal(before, TempFolder.Snapshot(downloads));
        Assert.Contains("not approved", cli.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_or_yes_the_plan_waits_with_exit_code_3()
    {
        var downloads = _temp.CopySamples();
        var before = TempFolder.Snapshot(downloads);
        var cli = new CliRun(_temp);

        var exit = await cli.InvokeAsync("run", "Organize my Downloads by type", "--folder", downloads);

        Assert.Equal(3, exit);
        Assert.Equal(before, TempFolder.Snapshot(downloads));
        Assert.Contains("--yes", cli.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_emits_one_parseable_event_per_line_with_the_task_id_first()
    {
        var downloads = _temp.CopySamples();
        var cli = new CliRun(_temp);

        var exit = await cli.InvokeAsync("run", "Organize my Downloads by type and date", "--folder", downloads, "--yes", "--json");

        Assert.Equal(0, exit);
        var lines = cli.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 10);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("task_created", events[0].GetProperty("type").GetString());
        var taskId = events[0].GetProperty("task_id").GetString();
        Assert.False(string.IsNullOrEmpty(taskId));
        Assert.All(events, e => Assert.Equal(taskId, e.GetProperty("task_id").GetString()));
        Assert.Equal("task_finished", events[^1].GetProperty("type").GetString());
        Assert.Equal("completed", events[^1].GetProperty("state").GetString());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "file_changed");
        Assert.All(lines, line => EventJson.Deserialize(line));
    }

    [Fact]
    public async Task Plain_output_without_a_terminal_lists_progress_and_the_summary()
    {
        var downloads = _temp.CopySamples();
        var cli = new CliRun(_temp);

        var exit = await cli.InvokeAsync("run", "what is in this folder?", "--folder", downloads);

        Assert.Equal(0, exit);
        var output = cli.Output.ToString();
        Assert.Contains("→ list_folder", output, StringComparison.Ordinal);
        Assert.Contains("By kind:", output, StringComparison.Ordinal);
        Assert.Contains("Completed", output, StringComparison.Ordinal);
        Assert.Contains("No files changed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_offline_planner_does_not_know_fails_and_says_how_to_configure_a_model()
    {
        var cli = new CliRun(_temp);

        var exit = await cli.InvokeAsync("run", "Write a poem about the sea", "--folder", _temp.Path);

        Assert.Equal(1, exit);
        Assert.Contains("--model anthropic:", cli.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_ends_with_exit_code_130()
    {
        var downloads = _temp.CopySamples();
        var before = TempFolder.Snapshot(downloads);
        var cli = new CliRun(_temp);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var exit = await cli.InvokeAsync(["run", "Organize my Downloads by type", "--folder", downloads, "--yes"], cancel.Token);

        Assert.Equal(130, exit);
        Assert.Equal(before, TempFolder.Snapshot(downloads));
    }
}
