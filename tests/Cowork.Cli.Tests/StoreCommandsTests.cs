using System.Text.Json.Nodes;

namespace Cowork.Cli.Tests;

/// <summary><c>cowork tasks</c>, <c>show</c> and <c>usage</c> read what <c>cowork run</c> stored.</summary>
public sealed class StoreCommandsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Tasks_show_and_usage_report_a_finished_run_from_the_store()
    {
        var script = _temp.Combine("script.json");
        var steps = new JsonArray(new JsonObject { ["title"] = "Answer the question", ["status"] = "done" });
        await File.WriteAllTextAsync(script, new JsonObject
        {
            ["replies"] = new JsonArray(
                new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["name"] = "update_plan", ["arguments"] = new JsonObject { ["steps"] = steps } }),
                    ["usage"] = new JsonObject { ["input"] = 1200, ["output"] = 30 },
                },
                new JsonObject { ["text"] = "Forty-two.", ["usage"] = new JsonObject { ["input"] = 1300, ["output"] = 12 } }),
        }.ToJsonString());
        var run = new CliRun(_temp);
        Directory.CreateDirectory(run.Home);
        await File.WriteAllTextAsync(Path.Combine(run.Home, "config.json"),
            """{ "prices": { "scripted:": { "input": 10, "output": 10, "cache_read": 1, "cache_write": 10 } } }""");
        Assert.Equal(0, await run.InvokeAsync("run", "What is the answer?", "--model", $"scripted:{script}"));
        Assert.Contains("≈ $0.0254", run.Output.ToString(), StringComparison.Ordinal); // 2,542 tokens at $10 per million.

        var tasks = new CliRun(_temp);
        Assert.Equal(0, await tasks.InvokeAsync("tasks"));
        Assert.Contains("What is the answer?", tasks.Console.Output, StringComparison.Ordinal);
        Assert.Contains("completed", tasks.Console.Output, StringComparison.Ordinal);
        Assert.Contains("2,500 / 42", tasks.Console.Output, StringComparison.Ordinal);

        var show = new CliRun(_temp);
        Assert.Equal(0, await show.InvokeAsync("show", "last", "--events"));
        Assert.Contains("Answer the question", show.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Forty-two.", show.Console.Output, StringComparison.Ordinal);
        Assert.Contains("task_finished", show.Console.Output, StringComparison.Ordinal);
        Assert.Contains("≈ $0.0254", show.Console.Output, StringComparison.Ordinal);

        var usage = new CliRun(_temp);
        Assert.Equal(0, await usage.InvokeAsync("usage"));
        Assert.Contains("(today)", usage.Console.Output, StringComparison.Ordinal);
        Assert.Contains("2,500", usage.Console.Output, StringComparison.Ordinal);
        Assert.Contains($"scripted:{script}", usage.Console.Output, StringComparison.Ordinal);
        Assert.Contains("≈ $0.0254", usage.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_store_is_a_one_line_error()
    {
        var run = new CliRun(_temp);
        Directory.CreateDirectory(run.Home);
        await File.WriteAllBytesAsync(Path.Combine(run.Home, "cowork.db"), [.. "SQLite format 3\0"u8, .. new byte[4000]]);

        Assert.Equal(1, await run.InvokeAsync("tasks"));
        Assert.Contains("cowork.db", run.Error.ToString(), StringComparison.Ordinal);
        Assert.Single(run.Error.ToString().Trim().Split('\n'));
    }

    [Fact]
    public async Task Showing_an_unknown_task_is_a_clear_error()
    {
        var run = new CliRun(_temp);
        Assert.Equal(2, await run.InvokeAsync("show", "no-such-task"));
        Assert.Contains("cowork tasks", run.Error.ToString(), StringComparison.Ordinal);
    }
}
