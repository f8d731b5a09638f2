namespace Cowork.Tests;

/// <summary>Large tool results are kept as task artifacts: the model gets the head, a summary line and a handle for read_artifact.</summary>
public sealed class ArtifactTests
{
    private static readonly ModelSpec Model = ModelSpec.Parse("scripted:artifacts");
    private static readonly string Big = string.Join('\n', Enumerable.Range(1, 3_000).Select(i => $"line {i:D4}: the quarterly figures, region by region, with «notes»."));

    private static TestToolset Dump(string text) => new(TestToolset.Tool("dump_log", () => text, ToolEffects.Read, "Returns the whole log."));

    private static string Handle(string shortened) => System.Text.RegularExpressions.Regex.Match(shortened, "artifact \"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task A_large_result_becomes_its_head_a_summary_line_and_a_handle_and_read_artifact_reads_on()
    {
        string? handle = null;
        var model = new ScriptedChatClient([
            _ => Conversation.Call("dump_log"),
            conversation =>
            {
                handle = Handle(Conversation.ResultsFor(conversation, "dump_log").Single());
                return Conversation.Call(ToolNames.ReadArtifact, $$"""{"handle":"{{handle}}","first_line":2990,"line_count":50}""");
            },
            _ => Conversation.Call(ToolNames.ReadArtifact, """{"handle":"../../etc/passwd"}"""),
            _ => Conversation.Call(ToolNames.ReadArtifact, """{"handle":"nope"}"""),
            _ => ScriptedChatClient.Reply("Read it."),
        ]);

        var (task, events) = await TestRun.RunAsync(model, Model, [Dump(Big)]);

        Assert.Equal(TaskState.Completed, task.State);
        var shortened = Conversation.ResultsFor(model.Requests[1], "dump_log").Single();
        Assert.True(shortened.Length < 2_600, $"{shortened.Length} characters inline");
        Assert.StartsWith("line 0001: the quarterly figures", shortened, StringComparison.Ordinal);
        Assert.Contains($"dump_log returned {Big.Length:N0} characters in 3,000 lines", shortened, StringComparison.Ordinal);
        Assert.Contains($"call read_artifact with handle \"{handle}\" and first_line ", shortened, StringComparison.Ordinal);

        // The whole result is in the task's own data folder, byte for byte; never in the granted folders.
        var dataDir = Path.Combine(Path.GetTempPath(), "cowork-tests", task.Id);
        Assert.Equal(Big, await File.ReadAllTextAsync(Path.Combine(dataDir, "artifacts", handle + ".txt")));
        Assert.False(Directory.Exists(Path.Combine(TestRun.Folders[0].Path, "artifacts")));

        var reads = Conversation.ResultsFor(model.Requests[^1], ToolNames.ReadArtifact);
        Assert.StartsWith($"Artifact \"{handle}\", lines 2,990-3,000:\nline 2990:", reads[0], StringComparison.Ordinal);
        Assert.EndsWith("line 3000: the quarterly figures, region by region, with «notes».\n[End of the artifact.]", reads[0], StringComparison.Ordinal);
        Assert.Contains("is not an artifact handle", reads[1], StringComparison.Ordinal);
        Assert.Contains("There is no artifact \"nope\"", reads[2], StringComparison.Ordinal);
        Assert.Equal(3, events.Of<ToolCallFinished>().Count(f => f.Tool == ToolNames.ReadArtifact));
    }

    [Fact]
    public async Task Reading_on_pages_under_the_threshold_and_says_where_to_go_on()
    {
        var model = new ScriptedChatClient([
            _ => Conversation.Call("dump_log"),
            conversation => Conversation.Call(ToolNames.ReadArtifact, $$"""{"handle":"{{Handle(Conversation.ResultsFor(conversation, "dump_log").Single())}}","line_count":2000}"""),
            _ => ScriptedChatClient.Reply("Done."),
        ]);

        var (task, _) = await TestRun.RunAsync(model, Model, [Dump(Big)]);

        Assert.Equal(TaskState.Completed, task.State);
        var page = Conversation.ResultsFor(model.Requests[^1], ToolNames.ReadArtifact).Single();
        Assert.True(page.Length <= new ContextOptions().LargeResultChars, $"{page.Length} characters");
        Assert.Matches(@"\[More lines follow: call read_artifact with first_line=\d+\.\]$", page);
    }

    [Fact]
    public async Task A_result_on_one_long_line_is_read_on_from_that_line_and_reading_moves_forward()
    {
        var minified = "{\"rows\":[" + string.Join(',', Enumerable.Range(1, 4_000).Select(i => $"{{\"id\":{i},\"v\":\"row {i}\"}}")) + "]}";
        var model = new ScriptedChatClient([
            _ => Conversation.Call("dump_log"),
            conversation => Conversation.Call(ToolNames.ReadArtifact, $$"""{"handle":"{{Handle(Conversation.ResultsFor(conversation, "dump_log").Single())}}"}"""),
            _ => ScriptedChatClient.Reply("Done."),
        ]);

        var (task, _) = await TestRun.RunAsync(model, Model, [Dump(minified)]);

        Assert.Equal(TaskState.Completed, task.State);
        var shortened = Conversation.ResultsFor(model.Requests[1], "dump_log").Single();
        Assert.Contains("in 1 lines; above is the start of the first line", shortened, StringComparison.Ordinal);
        Assert.Contains("and first_line 1 to read on", shortened, StringComparison.Ordinal);
        var page = Conversation.ResultsFor(model.Requests[^1], ToolNames.ReadArtifact).Single();
        Assert.StartsWith("Artifact \"", page, StringComparison.Ordinal);
        Assert.Contains("{\"rows\":[{\"id\":1,", page, StringComparison.Ordinal);
        Assert.Contains("more characters on this line]", page, StringComparison.Ordinal);
        Assert.EndsWith("[End of the artifact.]", page, StringComparison.Ordinal);
        Assert.True(page.Length <= new ContextOptions().LargeResultChars, $"{page.Length} characters");
    }

    [Fact]
    public async Task A_result_under_the_threshold_reaches_the_model_whole()
    {
        var small = string.Join('\n', Big.Split('\n').Take(100));
        var model = new ScriptedChatClient(Conversation.Call("dump_log"), ScriptedChatClient.Reply("Done."));

        var (task, _) = await TestRun.RunAsync(model, Model, [Dump(small)]);

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(small, Conversation.ResultsFor(model.Requests[^1], "dump_log").Single());
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "cowork-tests", task.Id, "artifacts")));
    }

    [Fact]
    public void Options_refuse_thresholds_that_would_keep_everything_or_show_nothing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextOptions { LargeResultChars = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextOptions { ResultHeadChars = 20_000 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextOptions { BudgetShare = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextOptions { WindowTokens = 10 });
    }
}
