using System.Text.Json.Nodes;

namespace Cowork.Tests;

/// <summary>
/// Context management on the Anthropic wire, through the official SDK and the real pipeline: prompt-cache breakpoints
/// in the request JSON, compacted requests with a model-written summary, and usage equal to what the server reported.
/// </summary>
public sealed class AnthropicContextTests : IAsyncLifetime
{
    private readonly LoopbackAnthropicServer _server = new();
    private readonly List<AnthropicReply> _replies = [];
    private int _reads;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static TestToolset Reports() => new(TestToolset.Tool("read_report", (string name) => LongConversation.Report(name, 6 * 1024), ToolEffects.Read, "Reads one report."));

    private static bool IsSummaryRequest(LoopbackRequest request) =>
        request.Json["system"]?.ToJsonString().Contains("working memory of a long-running agent task", StringComparison.Ordinal) == true;

    /// <summary>A model that reads <paramref name="reads"/> reports one call at a time, writes summaries when asked, then answers.</summary>
    private void Script(int reads, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            _server.EnqueueMessage(request =>
            {
                // Realistic counts: about a token per four bytes sent, part of it read from the cache.
                var input = request.Body.Length / 4;
                AnthropicReply reply;
                if (IsSummaryRequest(request))
                {
                    reply = new AnthropicReply([new AnthropicText([$"SUMMARY: reports r1 to r{_reads} were read; each says revenue grew."])], "end_turn", input, 40);
                }
                else if (_reads < reads)
                {
                    _reads++;
                    reply = AnthropicReply.ToolUse(input, 25, null, $"toolu_{_reads:D3}", "read_report", $$"""{"name":"r{{_reads}}"}""") with
                    {
                        CacheReadTokens = input / 2,
                        CacheWriteTokens = 100,
                    };
                }
                else
                {
                    reply = AnthropicReply.Text(input, 12, "All reports read.");
                }

                lock (_replies)
                {
                    _replies.Add(reply);
                }

                return reply;
            });
        }
    }

    private async Task<(CoworkTask Task, EventRecorder Events)> RunAsync(ContextOptions context)
    {
        using var watchdog = TestRun.Watchdog();
        var (client, model) = LoopbackClients.Anthropic(_server);
        using (client)
        {
            var options = TestRun.Options(maxTurns: 100);
            options.Context = context;
            return await TestRun.RunAsync(client, model, [Reports()], options: options, request: "Read the reports.", cancellationToken: watchdog.Token);
        }
    }

    private static List<JsonObject> Blocks(JsonNode request) =>
        [.. request["messages"]!.AsArray().SelectMany(m => m!["content"] is JsonArray blocks ? blocks.Select(b => b!.AsObject()) : [])];

    private static int Breakpoints(LoopbackRequest request) => request.Body.Split("\"cache_control\"").Length - 1;

    [Fact]
    public async Task Each_request_caches_the_system_prompt_and_the_conversation_so_far_and_usage_is_what_the_server_reported()
    {
        Script(reads: 3, requests: 4);

        var (task, events) = await RunAsync(new ContextOptions());

        Assert.Equal(TaskState.Completed, task.State);
        var requests = _server.Requests;
        Assert.Equal(4, requests.Count);
        foreach (var request in requests)
        {
            var json = request.Json;
            var system = json["system"]!.AsArray();
            Assert.Equal("ephemeral", system[^1]!["cache_control"]!["type"]!.GetValue<string>());
            var blocks = Blocks(json);
            Assert.Equal("ephemeral", blocks[^1]["cache_control"]!["type"]!.GetValue<string>());

            // Exactly two breakpoints: the marks of earlier calls were on copies, not left in the history.
            Assert.Equal(2, Breakpoints(request));
            Assert.All(blocks.SkipLast(1), b => Assert.Null(b["cache_control"]));
        }

        Assert.Equal("tool_result", Blocks(requests[^1].Json)[^1]["type"]!.GetValue<string>());

        // The task's usage is the sum of what the server reported: the SDK's input count includes cache reads and writes.
        Assert.Equal(_replies.Sum(r => (long)r.InputTokens + r.CacheReadTokens + r.CacheWriteTokens), task.Usage.InputTokens);
        Assert.Equal(_replies.Sum(r => (long)r.OutputTokens), task.Usage.OutputTokens);
        Assert.Equal(_replies.Sum(r => (long)r.CacheReadTokens), task.Usage.CacheReadTokens);
        Assert.Equal(_replies.Sum(r => (long)r.CacheWriteTokens), task.Usage.CacheWriteTokens);
        Assert.True(task.Usage.CacheReadTokens > 0);
        Assert.Equal(requests.Count, events.Of<UsageReported>().Count);
    }

    [Fact]
    public async Task A_long_task_sends_compacted_requests_with_a_model_written_summary_and_meters_the_summaries()
    {
        Script(reads: 30, requests: 60);
        var context = new ContextOptions { WindowTokens = 20_000 };

        var (task, events) = await RunAsync(context);

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(30, _reads);
        var requests = _server.Requests;
        var summaries = requests.Where(IsSummaryRequest).ToList();
        var compactions = events.Of<ContextCompacted>();
        Assert.NotEmpty(compactions);
        Assert.Equal(compactions.Count, summaries.Count);
        Assert.All(summaries, s => Assert.Null(s.Json["tools"]));
        Assert.All(summaries, s => Assert.Equal(0, Breakpoints(s)));

        var work = requests.Where(r => !IsSummaryRequest(r)).ToList();
        var compacted = work.Where(r => r.Body.Contains("[Context summary]", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(compacted);
        foreach (var request in work)
        {
            var blocks = Blocks(request.Json);
            var uses = blocks.Where(b => (string?)b["type"] == "tool_use").Select(b => (string)b["id"]!).ToList();
            var results = blocks.Where(b => (string?)b["type"] == "tool_result").Select(b => (string)b["tool_use_id"]!).ToList();
            Assert.Equal(uses, results);
            Assert.InRange(Breakpoints(request), 2, 3);
            Assert.True(request.Body.Length < 20_000 * 4 * 0.75, $"A request of {request.Body.Length:N0} bytes");
        }

        // The summary block is a cache breakpoint, and it is the model's own text.
        var last = Blocks(compacted[^1].Json).First(b => ((string?)b["text"])?.StartsWith("[Context summary]", StringComparison.Ordinal) == true);
        Assert.Equal("ephemeral", last["cache_control"]!["type"]!.GetValue<string>());
        Assert.Contains("SUMMARY: reports r1 to r", (string)last["text"]!, StringComparison.Ordinal);
        Assert.Equal("Read the reports.", (string)Blocks(compacted[^1].Json)[0]["text"]!);

        // Every call, summaries included, was metered: usage equals the server's sums.
        Assert.Equal(requests.Count, task.ModelCalls);
        Assert.Equal(_replies.Sum(r => (long)r.InputTokens + r.CacheReadTokens + r.CacheWriteTokens), task.Usage.InputTokens);
        Assert.Equal(_replies.Sum(r => (long)r.OutputTokens), task.Usage.OutputTokens);
    }
}
