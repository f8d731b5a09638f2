using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cowork.Storage;
using Cowork.Tests;

namespace Cowork.Cli.Tests;

/// <summary>
/// A long task for real <c>cowork</c> processes: a loopback Anthropic server whose model decides each reply from the
/// conversation it is sent (like a real model, unlike a queue), so a resumed task gets the reply its conversation calls
/// for: a plan, then one write_file per note not yet written, then a summary. With the folder, home and processes.
/// </summary>
internal sealed class NotesTask : IAsyncDisposable
{
    public const int InputTokens = 100;
    public const int OutputTokens = 10;
    private readonly TempFolder _temp = new();

    public NotesTask(int notes, TimeSpan delay = default)
    {
        Folder = _temp.Combine("notes");
        Directory.CreateDirectory(Folder);
        Home = _temp.Combine("home");
        Server.Responder = request => Model(request, notes);
        Server.ResponderDelay = delay;
    }

    public LoopbackAnthropicServer Server { get; } = new();

    public string Folder { get; }

    public string Home { get; }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>
    /// The model: a plan first, then one write_file per note not yet written, then a summary. It refuses (400) a
    /// conversation with a tool call that has no result, as Anthropic does.
    /// </summary>
    public AnthropicReply? Model(LoopbackRequest request, int notes)
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
            var path = JsonValue.Create(Path.Combine(Folder, $"note-{n:00}.txt"))!.ToJsonString();
            return AnthropicReply.ToolUse(InputTokens, OutputTokens, $"Writing note {n}.", $"toolu_w{n:00}", ToolNames.WriteFile,
                $$"""{"path":{{path}},"content":"{{NoteText(n)}}"}""");
        }

        return AnthropicReply.Text(InputTokens, OutputTokens, $"Done: wrote {notes} notes.");
    }

    private static IEnumerable<JsonNode> Blocks(JsonNode message) =>
        message["content"] is JsonArray blocks ? blocks.OfType<JsonNode>() : [];

    public static string NoteText(int n) => $"Note {n}: " + string.Concat(Enumerable.Repeat($"line {n} of the note. ", 40));

    public void AssertNotesWrittenOnce(int notes)
    {
        Assert.Equal(Enumerable.Range(1, notes).Select(n => $"note-{n:00}.txt"), VisibleFiles());
        for (var n = 1; n <= notes; n++)
        {
            Assert.Equal(NoteText(n), File.ReadAllText(Path.Combine(Folder, $"note-{n:00}.txt")));
        }
    }

    /// <summary>The folder's files (Cowork's trash is a folder); a temporary file a kill left behind would show here.</summary>
    public List<string> VisibleFiles() => [.. Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public string LastTaskId()
    {
        using var store = TaskStore.Open(Home);
        return store.ListTasks(1).Single().Id;
    }

    /// <summary>Runs cowork with --json, killing it after the given number of events (and a random moment more).</summary>
    public async Task<(string TaskId, int ExitCode)> RunAsync(string[] args, int? killAfterEvents, Random random)
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

    public async Task<(int ExitCode, string Output)> CoworkAsync(string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    public ProcessStartInfo Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "cowork.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["COWORK_HOME"] = Home;
        start.Environment["COWORK_MODEL"] = "anthropic:claude-loopback";
        start.Environment["ANTHROPIC_API_KEY"] = "test-key";
        start.Environment["ANTHROPIC_BASE_URL"] = Server.BaseUrl;
        return start;
    }
}
