using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cowork.Cli.Commands;
using Cowork.Storage;
using Cowork.Tests;

namespace Cowork.Cli.Tests;

/// <summary>
/// Durable tasks with real <c>cowork</c> processes against a loopback Anthropic server: a long task killed (SIGKILL)
/// over and over and resumed each time ends with every effect exactly once; steering from another process reaches
/// the next model turn; a budget stops a task and a larger one finishes it; usage equals what the server reported.
/// </summary>
/// <remarks>
/// The loopback model decides each reply from the conversation it is sent (like a real model, unlike a queue), so a
/// resumed task gets the reply its conversation calls for: plan, then one write_file per note, then a summary.
/// </remarks>
public sealed class ResumeTests : IAsyncDisposable
{
    private const int InputTokens = 100;
    private const int OutputTokens = 10;
    private readonly TempFolder _temp = new();
    private readonly LoopbackAnthropicServer _server = new();
    private readonly string _folder;
    private readonly string _home;

    public ResumeTests()
    {
        _folder = _temp.Combine("notes");
        Directory.CreateDirectory(_folder);
        _home = _temp.Combine("home");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Killed_twenty_times_and_resumed_each_time_the_task_does_every_write_once()
    {
        const int Notes = 30;
        _server.Responder = request => NotesModel(request, Notes);
        _server.ResponderDelay = TimeSpan.FromMilliseconds(15);
        var random = new Random(20261201);

        var (taskId, exit) = await RunAsync(["run", "Write the notes", "--folder", _folder, "--yes", "--json", "--max-turns", "100"], killAfterEvents: random.Next(5, 60), random);
        var kills = exit == 137 ? 1 : 0;
        while (kills < 20 && exit == 137)
        {
            // A kill can land after the last event, as the process exits: then there is nothing left to resume.
            var shown = (await CoworkAsync(["show", taskId])).Output;
            if (shown.Contains("completed", StringComparison.Ordinal))
            {
                break;
            }

            Assert.True(shown.Contains("interrupted", StringComparison.Ordinal), shown);
            (_, exit) = await RunAsync(["resume", taskId, "--yes", "--json", "--max-turns", "100"], killAfterEvents: random.Next(1, 40), random);
            kills += exit == 137 ? 1 : 0;
        }

        while (exit == 137 && !(await CoworkAsync(["show", taskId])).Output.Contains("completed", StringComparison.Ordinal))
        {
            (_, exit) = await RunAsync(["resume", taskId, "--yes", "--json", "--max-turns", "100"], killAfterEvents: null, random);
        }

        Assert.True(kills >= 15, $"Only {kills} kills landed before the task finished (exit {exit}): {(await CoworkAsync(["show", taskId])).Output}");
        AssertNotesWrittenOnce(Notes);

        using var store = TaskStore.Open(_home);
        var events = store.ReadEvents(taskId);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(TaskState.Completed, TaskSession.Replay(taskId, events).State);

        // Every call the model made has exactly one result in the conversation, and each write finished exactly once.
        var log = ConversationLog.Rebuild(events);
        var calls = events.OfType<MessageRecorded>().SelectMany(m => m.Message.ToolCalls ?? []).ToList();
        var results = events.OfType<MessageRecorded>().Where(m => m.Message.CallId is not null).GroupBy(m => m.Message.CallId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(calls, c => Assert.Equal(1, results.GetValueOrDefault(c.CallId)));
        var writes = events.OfType<ToolCallFinished>().Where(f => f.Tool == ToolNames.WriteFile && f.Succeeded).GroupBy(f => f.CallId).ToList();
        Assert.Equal(Notes, writes.Count);
        Assert.All(writes, g => Assert.Single(g));
        Assert.Empty(log.Unanswered);

        // And undo still takes it all back.
        var undo = await CoworkAsync(["undo", taskId]);
        Assert.True(undo.ExitCode == 0, undo.Output);
        Assert.Empty(VisibleFiles());
    }

    [Fact]
    public async Task A_budget_stops_the_task_and_a_larger_one_finishes_it_with_usage_equal_to_what_the_server_reported()
    {
        const int Notes = 8;
        _server.Responder = request => NotesModel(request, Notes);

        var first = await CoworkAsync(["run", "Write the notes", "--folder", _folder, "--yes", "--max-tokens", "500"]);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("budget", first.Output, StringComparison.Ordinal);
        var taskId = LastTaskId();
        Assert.Contains("paused", (await CoworkAsync(["tasks"])).Output, StringComparison.Ordinal);
        Assert.True(VisibleFiles().Count < Notes);

        var again = await CoworkAsync(["resume", taskId, "--max-tokens", "100000"]);
        Assert.True(again.ExitCode == 0, again.Output);
        AssertNotesWrittenOnce(Notes);

        using var store = TaskStore.Open(_home);
        var usage = store.GetTask(taskId)!.Usage;
        var served = _server.Requests.Count;
        Assert.Equal(served, (int)usage.Calls);
        Assert.Equal(served * (long)InputTokens, usage.InputTokens);
        Assert.Equal(served * (long)OutputTokens, usage.OutputTokens);
    }

    [Fact]
    public async Task A_message_sent_with_cowork_steer_from_another_process_reaches_the_next_model_turn()
    {
        const int Notes = 30;
        const string Direction = "Sign every note with the word banana";
        _server.Responder = request => NotesModel(request, Notes);
        _server.ResponderDelay = TimeSpan.FromMilliseconds(60);

        using var process = Process.Start(Start(["run", "Write the notes", "--folder", _folder, "--yes", "--json", "--max-turns", "100"]))!;
        string? taskId = null;
        var sent = false;
        var requestsWhenSent = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            taskId ??= json.RootElement.GetProperty("task_id").GetString();
            if (!sent && json.RootElement.GetProperty("type").GetString() == "tool_call_finished" && line.Contains("note-03", StringComparison.Ordinal))
            {
                var steer = await CoworkAsync(["steer", taskId!, Direction]);
                Assert.True(steer.ExitCode == 0, steer.Output);
                requestsWhenSent = _server.Requests.Count;
                sent = true;
            }
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, process.ExitCode);

        // The first request sent after the steer (allowing for the one in flight) carries the direction, and all later ones.
        var carrying = _server.Requests.Select((r, i) => (i, r.Body.Contains(Direction, StringComparison.Ordinal))).Where(x => x.Item2).Select(x => x.i).ToList();
        Assert.NotEmpty(carrying);
        Assert.InRange(carrying[0], requestsWhenSent - 1, requestsWhenSent + 1);
        Assert.Equal(Enumerable.Range(carrying[0], _server.Requests.Count - carrying[0]), carrying);

        using var store = TaskStore.Open(_home);
        Assert.Contains(store.ReadEvents(taskId!), e => e is SteeringReceived s && s.Message == Direction);

        // A finished task takes no more directions.
        var late = await CoworkAsync(["steer", taskId!, "one more thing"]);
        Assert.Equal(2, late.ExitCode);
        Assert.Contains("has ended", late.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_resuming_the_same_task_one_runs_it_and_the_other_says_so()
    {
        const int Notes = 12;
        _server.Responder = request => NotesModel(request, Notes);
        _server.ResponderDelay = TimeSpan.FromMilliseconds(40);
        var random = new Random(7);
        var (taskId, exit) = await RunAsync(["run", "Write the notes", "--folder", _folder, "--yes", "--json", "--max-turns", "100"], killAfterEvents: 20, random);
        Assert.Equal(137, exit);

        var both = await Task.WhenAll(CoworkAsync(["resume", taskId]), CoworkAsync(["resume", taskId]));

        Assert.Single(both, r => r.ExitCode == 0);
        var loser = Assert.Single(both, r => r.ExitCode != 0);
        Assert.Equal(2, loser.ExitCode);
        Assert.Contains("running in another process", loser.Output, StringComparison.Ordinal);
        AssertNotesWrittenOnce(Notes);
    }

    /// <summary>
    /// The model: a plan first, then one write_file per note not yet written, then a summary. It refuses (400) a
    /// conversation with a tool call that has no result, as Anthropic does.
    /// </summary>
    private AnthropicReply? NotesModel(LoopbackRequest request, int notes)
    {
        var messages = request.Json["messages"]!.AsArray();
        var calls = new List<(string Id, string Name)>();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var approved = false;
        foreach (var message in messages)
        {
            foreach (var block in Blocks(message!))
            {
                switch ((string?)block["type"])
                {
                    case "tool_use":
                        calls.Add(((string)block["id"]!, (string)block["name"]!));
                        break;
                    case "tool_result":
                        answered.Add((string)block["tool_use_id"]!);
                        break;
                    case "text" when ((string?)block["text"])?.Contains(AgentPrompts.PlanApproved, StringComparison.Ordinal) == true:
                        approved = true;
                        break;
                }
            }
        }

        if (calls.Any(c => !answered.Contains(c.Id)))
        {
            return null;
        }

        if (!approved)
        {
            return calls.Count == 0
                ? AnthropicReply.ToolUse(InputTokens, OutputTokens, null, "toolu_plan", ToolNames.UpdatePlan,
                    """{"steps":[{"title":"Write the notes","status":"pending"},{"title":"Check them","status":"pending"}]}""")
                : AnthropicReply.Text(InputTokens, OutputTokens, $"Plan: write {notes} notes.");
        }

        var written = calls.Count(c => c.Name == ToolNames.WriteFile);
        if (written < notes)
        {
            var n = written + 1;
            var path = JsonValue.Create(Path.Combine(_folder, $"note-{n:00}.txt"))!.ToJsonString();
            return AnthropicReply.ToolUse(InputTokens, OutputTokens, $"Writing note {n}.", $"toolu_w{n:00}", ToolNames.WriteFile,
                $$"""{"path":{{path}},"content":"{{NoteText(n)}}"}""");
        }

        return AnthropicReply.Text(InputTokens, OutputTokens, $"Done: wrote {notes} notes.");
    }

    private static IEnumerable<JsonNode> Blocks(JsonNode message) =>
        message["content"] is JsonArray blocks ? blocks.OfType<JsonNode>() : [];

    private static string NoteText(int n) => $"Note {n}: " + string.Concat(Enumerable.Repeat($"line {n} of the note. ", 40));

    private void AssertNotesWrittenOnce(int notes)
    {
        Assert.Equal(Enumerable.Range(1, notes).Select(n => $"note-{n:00}.txt"), VisibleFiles());
        for (var n = 1; n <= notes; n++)
        {
            Assert.Equal(NoteText(n), File.ReadAllText(Path.Combine(_folder, $"note-{n:00}.txt")));
        }
    }

    /// <summary>The folder's files, less Cowork's trash and the temporary files of writes a kill cut short.</summary>
    private List<string> VisibleFiles() =>
        [.. Directory.GetFiles(_folder).Select(f => Path.GetFileName(f)).Where(n => !n.StartsWith(".cowork-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private string LastTaskId()
    {
        using var store = TaskStore.Open(_home);
        return store.ListTasks(1).Single().Id;
    }

    /// <summary>Runs cowork with --json, killing it after the given number of events (and a random moment more).</summary>
    private async Task<(string TaskId, int ExitCode)> RunAsync(string[] args, int? killAfterEvents, Random random)
    {
        using var process = Process.Start(Start(args))!;
        string? taskId = null;
        var seen = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            taskId ??= json.RootElement.GetProperty("task_id").GetString();
            if (++seen == killAfterEvents)
            {
                await Task.Delay(random.Next(0, 25));
                process.Kill();
                break;
            }
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (taskId ?? throw new InvalidOperationException(await process.StandardError.ReadToEndAsync()), process.ExitCode);
    }

    private async Task<(int ExitCode, string Output)> CoworkAsync(string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    private ProcessStartInfo Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "cowork.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["COWORK_HOME"] = _home;
        start.Environment["COWORK_MODEL"] = "anthropic:claude-loopback";
        start.Environment["ANTHROPIC_API_KEY"] = "test-key";
        start.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        return start;
    }
}
