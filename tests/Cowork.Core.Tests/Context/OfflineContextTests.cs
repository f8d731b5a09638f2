namespace Cowork.Tests;

/// <summary>The offline planner decides from the whole conversation, so compaction must never hide any of it.</summary>
public sealed class OfflineContextTests
{
    private static TestToolset Folder() => new(TestToolset.Tool(ToolNames.ListFolder, (string path, int depth) =>
        $"{path}: 2 files, 0 folders, 9 KB\n  Documents: 2\n\nfiles:\n  a.txt\n  b.txt\n{new string('-', 20_000)}", ToolEffects.Read));

    [Fact]
    public async Task An_offline_job_completes_with_a_tiny_window_forced_and_nothing_compacted()
    {
        var options = TestRun.Options();
        options.Context = new ContextOptions { WindowTokens = 1_000 };

        var (task, events) = await TestRun.RunAsync(new OfflinePlannerChatClient(), ModelSpec.Offline, [Folder()], options: options, request: "What is in this folder?");

        Assert.Equal(TaskState.Completed, task.State);
        Assert.StartsWith($"Here is what is in {TestRun.Folders[0].Path}:", task.FinalMessage, StringComparison.Ordinal);
        Assert.Empty(events.Of<ContextCompacted>());
    }
}
