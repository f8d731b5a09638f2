using System.Text.Json.Nodes;

namespace Cowork.Cli.Tests;

/// <summary>The file tools as a model calls them (a scripted model from a file), through the gate, then undone.</summary>
public sealed class ScriptedModelTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static JsonObject Call(string name, JsonObject arguments) => new() { ["name"] = name, ["arguments"] = arguments };

    private string Script(params JsonObject[] replies)
    {
        var path = _temp.Combine("script.json");
        File.WriteAllText(path, new JsonObject { ["replies"] = new JsonArray(replies) }.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Write_copy_move_make_folder_and_delete_run_after_approval_and_undo_reverses_them_all()
    {
        var downloads = _temp.CopySamples();
        var before = TreeSnapshot.Take(downloads);
        var plan = new JsonArray(new JsonObject { ["title"] = "Tidy the notes", ["status"] = "pending" });
        var done = new JsonArray(new JsonObject { ["title"] = "Tidy the notes", ["status"] = "done" });
        var script = Script(
            new JsonObject { ["tool_calls"] = new JsonArray(Call("update_plan", new JsonObject { ["steps"] = plan })) },
            new JsonObject { ["text"] = "I will tidy the notes." },
            new JsonObject
            {
                ["tool_calls"] = new JsonArray(
                    Call("write_file", new JsonObject { ["path"] = "notes/summary.txt", ["content"] = "Summary of the notes.\n" }),
                    Call("write_file", new JsonObject { ["path"] = "ideas.md", ["content"] = "# Ideas, revised\n", ["overwrite"] = true }),
                    Call("copy_file", new JsonObject { ["from"] = "data export.csv", ["to"] = "notes/data.csv" }),
                    Call("move_path", new JsonObject { ["from"] = "meeting-notes.txt", ["to"] = "notes/meeting.txt" }),
                    Call("make_folder", new JsonObject { ["path"] = "archive/2024" }),
                    Call("delete_file", new JsonObject { ["path"] = "unknown-file.xyz" }),
                    Call("write_file", new JsonObject { ["path"] = "../outside.txt", ["content"] = "escape" })),
            },
            new JsonObject { ["tool_calls"] = new JsonArray(Call("update_plan", new JsonObject { ["steps"] = done })) },
            new JsonObject { ["text"] = "Done." });
        var cli = new CliRun(_temp);
        Directory.CreateDirectory(cli.Home);
        await File.WriteAllTextAsync(Path.Combine(cli.Home, "config.json"), """{ "permissions": { "delete_file": "allow" } }""");

        var exit = await cli.InvokeAsync("run", "Tidy my notes", "--folder", downloads, "--model", $"scripted:{script}", "--yes");

        Assert.True(exit == 0, cli.Output.ToString());
        Assert.Equal("Summary of the notes.\n", await File.ReadAllTextAsync(Path.Combine(downloads, "notes", "summary.txt")));
        Assert.Equal("# Ideas, revised\n", await File.ReadAllTextAsync(Path.Combine(downloads, "ideas.md")));
        Assert.True(File.Exists(Path.Combine(downloads, "notes", "data.csv")));
        Assert.True(File.Exists(Path.Combine(downloads, "notes", "meeting.txt")));
        Assert.True(Directory.Exists(Path.Combine(downloads, "archive", "2024")));
        Assert.False(File.Exists(Path.Combine(downloads, "unknown-file.xyz")));
        Assert.False(File.Exists(_temp.Combine("outside.txt")));
        Assert.Contains("outside the granted folders", cli.Output.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await new CliRun(_temp).InvokeAsync("undo", "last"));
        Assert.Equal(before, TreeSnapshot.Take(downloads));
        Assert.False(Directory.Exists(Path.Combine(downloads, "notes")));
        Assert.False(Directory.Exists(Path.Combine(downloads, "archive")));
    }

    [Fact]
    public async Task Deleting_asks_and_without_a_terminal_the_task_waits_with_exit_code_3()
    {
        var downloads = _temp.CopySamples();
        var before = TreeSnapshot.Take(downloads);
        var script = Script(
            new JsonObject { ["tool_calls"] = new JsonArray(Call("update_plan", new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["title"] = "Delete junk" }) })) },
            new JsonObject { ["text"] = "I will delete the junk." },
            new JsonObject { ["tool_calls"] = new JsonArray(Call("delete_file", new JsonObject { ["path"] = "unknown-file.xyz" })) });
        var cli = new CliRun(_temp);

        var exit = await cli.InvokeAsync("run", "Delete the junk", "--folder", downloads, "--model", $"scripted:{script}", "--yes");

        Assert.Equal(3, exit);
        Assert.Equal(before, TreeSnapshot.Take(downloads));
    }
}
