using System.Diagnostics;
using System.Text.Json;
using Cowork.Storage;

namespace Cowork.Cli.Tests;

/// <summary>
/// Durable tasks with real <c>cowork</c> processes against a loopback Anthropic server: a long task killed (SIGKILL)
/// over and over and resumed each time ends with every effect exactly once; steering from another process reaches
/// the next model turn; a budget stops a task and a larger one finishes it; usage equals what the server reported.
/// </summary>
public sealed class ResumeTests : IAsyncDisposable
{
    private NotesTask? _notes;

    private NotesTask Loop => _notes ?? throw new InvalidOperationException("No task set up.");

    public async ValueTask DisposeAsync()
    {
        if (_notes is not null)
        {
            await _notes.DisposeAsync();
        }
    }

    private NotesTask Setup(int notes, int delayMs = 0) => _notes = new NotesTask(notes, TimeSpan.FromMilliseconds(delayMs));

    [Fact]
    public async Task Killed_twenty_times_and_resumed_each_time_the_task_does_every_write_once()
    {
        const int Notes = 40;
        Setup(Notes, 15);
        var random = new Random(20261201);

        var (taskId, exit) = await Loop.RunAsync(["run", "Write the notes", "--folder", Loop.Folder, "--yes", "--json", "--max-turns", "100"], killAfterEvents: random.Next(5, 40), random);
        var kills = exit == 137 ? 1 : 0;
        while (kills < 20 && exit == 137)
        {
            // A kill can land after the last event, as the process exits: then there is nothing left to resume.
            var shown = (await Loop.CoworkAsync(["show", taskId])).Output;
            if (shown.Contains("completed", StringComparison.Ordinal))
            {
                break;
            }

            Assert.True(shown.Contains("interrupted", StringComparison.Ordinal), shown);
            (_, exit) = await Loop.RunAsync(["resume", taskId, "--yes", "--json", "--max-turns", "100"], killAfterEvents: random.Next(2, 14), random);
            kills += exit == 137 ? 1 : 0;
        }

        while (exit == 137 && !(await Loop.CoworkAsync(["show", taskId])).Output.Contains("completed", StringComparison.Ordinal))
        {
            (_, exit) = await Loop.RunAsync(["resume", taskId, "--yes", "--json", "--max-turns", "100"], killAfterEvents: null, random);
        }

        Assert.True(kills == 20, $"Only {kills} kills landed before the task finished (exit {exit}): {(await Loop.CoworkAsync(["show", taskId])).Output}");
        Loop.AssertNotesWrittenOnce(Notes);

        using var store = TaskStore.Open(Loop.Home);
        var events = store.ReadEvents(taskId);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(TaskState.Completed, CoworkTask.Replay(taskId, events).State);

        // Every call the model made has exactly one result in the conversation (so none ran again once it had one), there
        // is one write call per note, and none finished twice. (A kill between a result and its "finished" event leaves
        // the result alone: the call is done.)
        var log = ConversationLog.Rebuild(events);
        var calls = events.OfType<MessageRecorded>().SelectMany(m => m.Message.ToolCalls ?? []).ToList();
        var results = events.OfType<MessageRecorded>().Where(m => m.Message.CallId is not null).GroupBy(m => m.Message.CallId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(calls, c => Assert.Equal(1, results.GetValueOrDefault(c.CallId)));
        Assert.Equal(Notes, calls.Count(c => c.Name == ToolNames.WriteFile));
        var writes = events.OfType<ToolCallFinished>().Where(f => f.Tool == ToolNames.WriteFile && f.Succeeded).GroupBy(f => f.CallId).ToList();
        Assert.All(writes, g => Assert.Single(g));
        Assert.Empty(log.Unanswered);

        // And undo still takes it all back.
        var undo = await Loop.CoworkAsync(["undo", taskId]);
        Assert.True(undo.ExitCode == 0, undo.Output);
        Assert.Empty(Loop.VisibleFiles());
    }

    [Fact]
    public async Task A_budget_stops_the_task_and_a_larger_one_finishes_it_with_usage_equal_to_what_the_server_reported()
    {
        const int Notes = 8;
        Setup(Notes);

        var first = await Loop.CoworkAsync(["run", "Write the notes", "--folder", Loop.Folder, "--yes", "--max-tokens", "500"]);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("budget", first.Output, StringComparison.Ordinal);
        var taskId = Loop.LastTaskId();
        Assert.Contains("paused", (await Loop.CoworkAsync(["tasks"])).Output, StringComparison.Ordinal);
        Assert.True(Loop.VisibleFiles().Count < Notes);

        var again = await Loop.CoworkAsync(["resume", taskId, "--max-tokens", "100000"]);
        Assert.True(again.ExitCode == 0, again.Output);
        Loop.AssertNotesWrittenOnce(Notes);

        using var store = TaskStore.Open(Loop.Home);
        var usage = store.GetTask(taskId)!.Usage;
        var served = Loop.Server.Requests.Count;
        Assert.Equal(served, (int)usage.Calls);
        Assert.Equal(served * (long)NotesTask.InputTokens, usage.InputTokens);
        Assert.Equal(served * (long)NotesTask.OutputTokens, usage.OutputTokens);
    }

    [Fact]
    public async Task A_message_sent_with_cowork_steer_from_another_process_reaches_the_next_model_turn()
    {
        const int Notes = 30;
        const string Direction = "Sign every note with the word banana";
        Setup(Notes, 60);

        using var process = Process.Start(Loop.Start(["run", "Write the notes", "--folder", Loop.Folder, "--yes", "--json", "--max-turns", "100"]))!;
        string? taskId = null;
        var sent = false;
        var requestsWhenSent = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            taskId ??= json.RootElement.GetProperty("task_id").GetString();
            if (!sent && json.RootElement.GetProperty("type").GetString() == "tool_call_finished" && line.Contains("note-03", StringComparison.Ordinal))
            {
                var steer = await Loop.CoworkAsync(["steer", taskId!, Direction]);
                Assert.True(steer.ExitCode == 0, steer.Output);
                requestsWhenSent = Loop.Server.Requests.Count;
                sent = true;
            }
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, process.ExitCode);

        // The running task takes the direction at its next turn boundary: the model call right after it is recorded
        // carries it, as does every later one, and none before. The poller takes it within a few turns of the steer.
        using var store = TaskStore.Open(Loop.Home);
        var events = store.ReadEvents(taskId!);
        var received = Assert.Single(events.OfType<SteeringReceived>(), s => s.Message == Direction);
        var nextTurn = events.OfType<ModelCallStarted>().First(m => m.Sequence > received.Sequence).Turn;
        var carrying = Loop.Server.Requests.Select((r, i) => (i, r.Body.Contains(Direction, StringComparison.Ordinal))).Where(x => x.Item2).Select(x => x.i).ToList();
        Assert.Equal(nextTurn - 1, carrying[0]);
        Assert.Equal(Enumerable.Range(carrying[0], Loop.Server.Requests.Count - carrying[0]), carrying);
        Assert.InRange(carrying[0], requestsWhenSent - 1, requestsWhenSent + 5);

        var shown = await Loop.CoworkAsync(["show", taskId!]);
        Assert.Contains($"you said {Direction}", shown.Output, StringComparison.Ordinal);

        // A finished task takes no more directions.
        var late = await Loop.CoworkAsync(["steer", taskId!, "one more thing"]);
        Assert.Equal(2, late.ExitCode);
        Assert.Contains("has ended", late.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_resuming_the_same_task_one_runs_it_and_the_other_says_so()
    {
        const int Notes = 12;
        Setup(Notes, 40);
        var random = new Random(7);
        var (taskId, exit) = await Loop.RunAsync(["run", "Write the notes", "--folder", Loop.Folder, "--yes", "--json", "--max-turns", "100"], killAfterEvents: 20, random);
        Assert.Equal(137, exit);

        var both = await Task.WhenAll(Loop.CoworkAsync(["resume", taskId]), Loop.CoworkAsync(["resume", taskId]));

        Assert.Single(both, r => r.ExitCode == 0);
        var loser = Assert.Single(both, r => r.ExitCode != 0);
        Assert.Equal(2, loser.ExitCode);
        Assert.Contains("running in another process", loser.Output, StringComparison.Ordinal);
        Loop.AssertNotesWrittenOnce(Notes);
    }
}
