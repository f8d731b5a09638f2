namespace Cowork.Cli.Tests;

/// <summary>Bad input gets one line that says how to fix it, exit code 2, and nothing changes.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Cases => ["unknown provider", "missing folder", "folder is a file", "huge request", "bad config", "unreadable config", "missing key", "no request", "unknown option", "too few turns", "zero token budget", "cost budget without a price"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_with_one_line_and_exit_code_2(string problem)
    {
        var downloads = _temp.CopySamples();
        var before = TempFolder.Snapshot(downloads);
        var cli = new CliRun(_temp);
        string[] args = ["run", "Organize my Downloads by type", "--folder", downloads, "--yes"];
        switch (problem)
        {
            case "unknown provider":
                args = [.. args, "--model", "foo:bar"];
                break;
            case "missing folder":
                args = ["run", "Organize it", "--folder", _temp.Combine("nope")];
                break;
            case "folder is a file":
                args = ["run", "Organize it", "--folder", Path.Combine(downloads, "ideas.md")];
                break;
            case "huge request":
                args = ["run", new string('x', 1024 * 1024), "--folder", downloads];
                break;
            case "bad config":
                Directory.CreateDirectory(cli.Home);
                await File.WriteAllTextAsync(Path.Combine(cli.Home, "config.json"), "{ \"model\": ");
                break;
            case "unreadable config":
                Directory.CreateDirectory(Path.Combine(cli.Home, "config.json"));
                break;
            case "missing key":
                args = [.. args, "--model", "anthropic:claude-sonnet-4-5"];
                break;
            case "no request":
                args = ["run", "  ", "--folder", downloads];
                break;
            case "too few turns":
                args = [.. args, "--max-turns", "1"];
                break;
            case "zero token budget":
                args = [.. args, "--max-tokens", "0"];
                break;
            case "cost budget without a price":
                args = [.. args, "--model", "openai:some-new-model", "--max-cost", "2.50"];
                break;
            case "unknown option":
                args = [.. args, "--frobnicate"];
                break;
        }

        var exit = await cli.InvokeAsync(args);

        Assert.Equal(2, exit);
        var error = cli.Error.ToString().Trim();
        Assert.StartsWith("cowork: ", error, StringComparison.Ordinal);
        Assert.True(error.Split('\n')[0].Length > 20, error);
        Assert.Equal("", cli.Output.ToString());
        Assert.Equal(before, TempFolder.Snapshot(downloads));
        Assert.False(Directory.Exists(Path.Combine(cli.Home, "tasks")), "no task should have been created");
    }
}
