using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cowork.Bench.LongTask;

/// <summary>
/// A loopback stand-in for Anthropic's Messages API that plays a long task: it writes a plan, then asks for one file
/// per turn with read_file, then finishes; it answers summary requests with a short summary. It counts what it receives
/// and reports usage as the real API does (input tokens at about four bytes each).
/// </summary>
internal sealed class ScriptedMessagesServer : IAsyncDisposable
{
    /// <summary>Words of Cowork's summarizer prompt, which only a summary request carries.</summary>
    private const string SummaryMarker = "working memory of a long-running agent task";

    private readonly WebApplication _app;
    private readonly IReadOnlyList<string> _files;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _step;
    private bool _done;

    public ScriptedMessagesServer(IReadOnlyList<string> files)
    {
        _files = files;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        _app = builder.Build();
        _app.MapPost("/v1/messages", AnswerAsync);
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Completes once the task's last turn was answered.</summary>
    public Task Finished => _finished.Task;

    public int Requests { get; private set; }

    public int SummaryRequests { get; private set; }

    public long BytesReceived { get; private set; }

    public long LargestRequest { get; private set; }

    /// <summary>The body of the latest request that was not a summary request.</summary>
    public string LastRequest { get; private set; } = "";

    public long InputTokensReported { get; private set; }

    public long OutputTokensReported { get; private set; }

    /// <summary>The file the last read_file result in the last request came from (checks that the reads arrived).</summary>
    public int FilesAsked => Math.Max(0, Math.Min(_step - 2, _files.Count));

    public async Task StartAsync()
    {
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var text = Encoding.UTF8.GetString(body.Span);
        var streaming = JsonNode.Parse(text)?["stream"]?.GetValue<bool>() == true;
        var input = (int)(body.Length / 4);
        JsonArray content;
        string stop;
        lock (_gate)
        {
            Requests++;
            BytesReceived += body.Length;
            LargestRequest = Math.Max(LargestRequest, body.Length);
            if (text.Contains(SummaryMarker, StringComparison.Ordinal))
            {
                SummaryRequests++;
                (content, stop) = (Text($"Plan: read every report, one a turn, then summarize. Reports 1 to {FilesAsked} were read with read_file; each is a quarterly report whose numbers grew. No files were changed."), "end_turn");
            }
            else
            {
                LastRequest = text;
                (content, stop) = Next();
            }

            InputTokensReported += input;
            OutputTokensReported += 30;
        }

        var message = new JsonObject
        {
            ["id"] = $"msg_{Requests:D5}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = "claude-bench",
            ["content"] = streaming ? new JsonArray() : content,
            ["stop_reason"] = streaming ? null : stop,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = input, ["output_tokens"] = streaming ? 0 : 30 },
        };
        if (!streaming)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(message.ToJsonString(), context.RequestAborted);
            return;
        }

        // After this response the task is over: the answer is on its way before Finished lets the server stop.
        var last = stop == "end_turn" && _done;

        context.Response.ContentType = "text/event-stream";
        var events = new StringBuilder();
        Event(events, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = message });
        for (var i = 0; i < content.Count; i++)
        {
            var block = content[i]!.AsObject();
            var isTool = (string?)block["type"] == "tool_use";
            var start = isTool
                ? new JsonObject { ["type"] = "tool_use", ["id"] = block["id"]!.DeepClone(), ["name"] = block["name"]!.DeepClone(), ["input"] = new JsonObject() }
                : new JsonObject { ["type"] = "text", ["text"] = "" };
            Event(events, "content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = i, ["content_block"] = start });
            var delta = isTool
                ? new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = block["input"]!.ToJsonString() }
                : new JsonObject { ["type"] = "text_delta", ["text"] = block["text"]!.DeepClone() };
            Event(events, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = i, ["delta"] = delta });
            Event(events, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = i });
        }

        Event(events, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = stop, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 30 },
        });
        Event(events, "message_stop", new JsonObject { ["type"] = "message_stop" });
        await context.Response.WriteAsync(events.ToString(), context.RequestAborted);
        await context.Response.CompleteAsync();
        if (last)
        {
            _finished.TrySetResult();
        }
    }

    /// <summary>The next turn of the task: plan, describe the plan, then (after approval) one read a turn, then finish.</summary>
    private (JsonArray Content, string Stop) Next()
    {
        var step = _step++;
        if (step == 0)
        {
            return (Tool("update_plan", new JsonObject { ["steps"] = Steps("pending") }), "tool_use");
        }

        if (step == 1)
        {
            return (Text($"Plan: read the {_files.Count} reports one by one, then summarize them."), "end_turn");
        }

        var read = step - 2;
        if (read < _files.Count)
        {
            return (Tool("read_file", new JsonObject { ["path"] = _files[read] }), "tool_use");
        }

        if (read == _files.Count)
        {
            return (Tool("update_plan", new JsonObject { ["steps"] = Steps("done") }), "tool_use");
        }

        _done = true;
        return (Text($"Read all {_files.Count} reports."), "end_turn");
    }

    private static JsonArray Steps(string status) =>
        [new JsonObject { ["title"] = "Read each report", ["status"] = status }, new JsonObject { ["title"] = "Summarize them", ["status"] = status }];

    private JsonArray Tool(string name, JsonObject input) =>
        [new JsonObject { ["type"] = "tool_use", ["id"] = string.Create(CultureInfo.InvariantCulture, $"toolu_{_step:D5}"), ["name"] = name, ["input"] = input }];

    private static JsonArray Text(string text) => [new JsonObject { ["type"] = "text", ["text"] = text }];

    private static void Event(StringBuilder events, string name, JsonObject data) =>
        events.Append("event: ").Append(name).Append("\ndata: ").Append(data.ToJsonString()).Append("\n\n");
}
