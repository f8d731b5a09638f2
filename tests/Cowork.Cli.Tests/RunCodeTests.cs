using System.Text.Json.Nodes;
using Cowork.Tests;

namespace Cowork.Cli.Tests;

/// <summary>run_code as a model calls it through the whole CLI, in the real sandbox; then <c>cowork undo</c>.</summary>
public sealed class RunCodeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static JsonObject Call(string name, JsonObject arguments) => new() { ["name"] = name, ["arguments"] = arguments };

    [SkippableFact]
    public async Task Code_that_creates_changes_renames_and_deletes_files_is_listed_and_undone_byte_for_byte()
    {
        ExternalTool.Require("bwrap", "bubblewrap");
        var downloads = _temp.CopySamples();
        var before = TreeSnapshot.Take(downloads);
        var code = """
            import os, csv
            rows = list(csv.reader(open('data export.csv', newline='')))
            os.makedirs('reports', exist_ok=True)
            with open('reports/row-count.txt', 'w') as f: f.write(f'{len(rows)} rows\n')
            with open('ideas.md', 'a') as f: f.write('\n- counted the rows\n')
            os.rename('meeting-notes.txt', 'notes-2024.txt')
            os.remove('unknown-file.xyz')
            print('rows:', len(rows))
            """;
        var plan = new JsonArray(new JsonObject { ["title"] = "Count the rows", ["status"] = "pending" });
        var script = _temp.Combine("script.json");
        await File.WriteAllTextAsync(script, new JsonObject
        {
            ["replies"] = new JsonArray(
                new JsonObject { ["tool_calls"] = new JsonArray(Call("update_plan", new JsonObject { ["steps"] = plan })) },
                new JsonObject { ["text"] = "I will count the rows with a script." },
                new JsonObject { ["tool_calls"] = new JsonArray(Call("run_code", new JsonObject { ["language"] = "python", ["code"] = code })) },
                new JsonObject { ["text"] = "Done." }),
        }.ToJsonString());
        var cli = new CliRun(_temp);
        Directory.CreateDirectory(cli.Home);
        await File.WriteAllTextAsync(Path.Combine(cli.Home, "config.json"), """{ "permissions": { "run_code": "allow" } }""");

        var exit = await cli.InvokeAsync("run", "Count the rows of the export", "--folder", downloads, "--model", $"scripted:{script}", "--yes");

        var output = cli.Output.ToString();
        Assert.True(exit == 0, output);
        Assert.Contains("rows:", output, StringComparison.Ordinal); // streamed as the code printed it
        Assert.True(File.Exists(Path.Combine(downloads, "reports", "row-count.txt")), output);
        Assert.True(File.Exists(Path.Combine(downloads, "notes-2024.txt")));
        Assert.False(File.Exists(Path.Combine(downloads, "unknown-file.xyz")));

        var changes = new CliRun(_temp);
        Assert.Equal(0, await changes.InvokeAsync("changes", "last"));
        Assert.Contains("moved meeting-notes.txt -> notes-2024.txt", changes.Console.Output, StringComparison.Ordinal);
        Assert.Contains("created reports/row-count.txt", changes.Console.Output, StringComparison.Ordinal);
        Assert.Contains("overwrote ideas.md", changes.Console.Output, StringComparison.Ordinal);
        Assert.Contains("deleted unknown-file.xyz", changes.Console.Output, StringComparison.Ordinal);

        Assert.Equal(0, await new CliRun(_temp).InvokeAsync("undo", "last"));
        Assert.Equal(before, TreeSnapshot.Take(downloads));
        Assert.False(Directory.Exists(Path.Combine(downloads, "reports")));
    }
}
