using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>
/// The OpenAI-compatible provider end to end: <see cref="ModelClientFactory"/> builds the official <c>OpenAI</c> SDK's
/// chat client, which talks chat completions (streamed <c>data:</c> chunks) to a loopback server, under <see cref="AgentRunner"/>.
/// </summary>
public sealed class OpenAIProviderTests : ProviderTestBase
{
    private readonly LoopbackOpenAIServer _server = new();

    private protected override IAsyncDisposable Server => _server;

    private protected override (IChatClient Client, ModelSpec Model) Connect(string? model) =>
        LoopbackClients.OpenAI(_server, model ?? "gpt-test");

    private static JsonArray Messages(LoopbackRequest request) => request.Json["messages"]!.AsArray();

    [Fact]
    public async Task Tool_loop_runs_end_to_end_and_reports_theServers_token_counts()
    {
        _server.EnqueueCompletion(OpenAIReply.ToolCall(130, 22, "call_01", "lookup_fact", "{\"top", "ic\": \"ti", "des\"}"));
        _server.EnqueueCompletion(OpenAIReply.Text(220, 14, "Tides come ", "from the moon."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(StopReason.Finished, task.StopReason);
        Assert.Equal("Tides come from the moon.", task.FinalMessage);
        Assert.Equal(["tides"], Lookups);

        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("/v1/chat/completions", r.Path);
            Assert.Equal($"Bearer {LoopbackClients.OpenAIKey}", r.Header("authorization"));
            Assert.True(r.IsStreaming);
            Assert.True(r.Json["stream_options"]?["include_usage"]?.GetValue<bool>(), "Without include_usage a stream reports no tokens.");
            Assert.Equal("gpt-test", r.Json["model"]!.GetValue<string>());
        });
        var tools = requests[0].Json["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("lookup_fact", tools);
        Assert.Contains(ToolNames.UpdatePlan, tools);

        // The second request carries the assistant's tool call and a role "tool" message with its result.
        var second = Messages(requests[1]);
        Assert.Equal(4, second.Count); // system, user, assistant (tool call), tool
        Assert.Equal("system", second[0]!["role"]!.GetValue<string>());
        var call = second[2]!["tool_calls"]!.AsArray().Single()!;
        Assert.Equal("call_01", call["id"]!.GetValue<string>());
        Assert.Equal("lookup_fact", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("tides", JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!["topic"]!.GetValue<string>());
        var tool = second[3]!;
        Assert.Equal("tool", tool["role"]!.GetValue<string>());
        Assert.Equal("call_01", tool["tool_call_id"]!.GetValue<string>());
        Assert.Equal(Fact, ToolText(tool["content"]!));

        var usage = events.Of<UsageReported>();
        Assert.Equal([(130L, 22L), (220L, 14L)], usage.Select(u => (u.InputTokens, u.OutputTokens)));
        Assert.All(usage, u => Assert.Equal("openai:gpt-test", u.Model));
        Assert.Equal(350, task.Usage.InputTokens);
        Assert.Equal(36, task.Usage.OutputTokens);
        Assert.Equal("Tides come from the moon.", string.Concat(events.Of<AssistantText>().Select(t => t.Text)));
    }

    /// <summary>A tool message's content: a string, or an array of text parts.</summary>
    private static string ToolText(JsonNode content) => content is JsonArray parts
        ? string.Concat(parts.Select(p => p!["text"]!.GetValue<string>()))
        : content.GetValue<string>();

    [Fact]
    public async Task Cached_prompt_tokens_are_reported()
    {
        _server.EnqueueCompletion(new OpenAIReply(["Cached."], [], "stop", 1000, 5, CachedTokens: 768));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        var usage = Assert.Single(events.Of<UsageReported>());
        Assert.Equal(768, usage.CacheReadTokens);
        Assert.Equal(1000, usage.InputTokens); // prompt_tokens includes the cached ones
        Assert.Equal(0, usage.CacheWriteTokens);
        Assert.Equal(5, usage.OutputTokens);
    }

    [Fact]
    public async Task Rate_limit_andServer_errors_are_retried_until_success()
    {
        _server.EnqueueError(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests", ("retry-after", "0"));
        _server.EnqueueError(500, "server_error", null, "The server had an error while processing your request.");
        _server.EnqueueError(503, "server_error", null, "The engine is currently overloaded, please try again later.");
        _server.EnqueueCompletion(OpenAIReply.Text(10, 3, "Fine now."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal("Fine now.", task.FinalMessage);
        var requests = _server.Requests;
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
        var warnings = events.Of<Warning>().Select(w => w.Message).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("Retrying", w, StringComparison.Ordinal));
        Assert.Contains("HTTP 429", warnings[0], StringComparison.Ordinal);
        Assert.Contains("HTTP 503", warnings[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_retries_are_off_so_theServer_sees_exactly_our_attempts()
    {
        for (var i = 0; i < 10; i++)
        {
            _server.EnqueueError(500, "server_error", null, "The server had an error.");
        }

        var (task, _) = await RunAsync(TestRun.Options(maxAttempts: 2));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("Gave up after 2 attempts", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
    }

    [Fact]
    public async Task A_bad_key_fails_at_once_with_a_one_line_message_naming_the_key()
    {
        _server.EnqueueError(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-opena***back.");

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("OPENAI_API_KEY", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
        Assert.Single(_server.Requests);
        Assert.Empty(events.Of<Warning>());
    }

    [Fact]
    public async Task An_unknown_model_fails_at_once_with_a_one_line_message_naming_the_model()
    {
        _server.EnqueueError(404, "invalid_request_error", "model_not_found", "The model `gpt-nope` does not exist or you do not have access to it.");

        var (task, events) = await RunAsync(model: "gpt-nope");

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("gpt-nope", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
        Assert.Single(_server.Requests);
        Assert.Empty(events.Of<Warning>());
    }

    [Fact]
    public async Task Malformed_tool_arguments_are_not_run_and_the_model_is_told()
    {
        _server.EnqueueCompletion(OpenAIReply.ToolCall(50, 9, "call_bad", "lookup_fact", "{\"topic\": ", "\"tid"));
        _server.EnqueueCompletion(OpenAIReply.Text(80, 4, "Sorry, I could not look it up."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Empty(Lookups);
        Assert.Empty(events.Of<ToolCallStarted>());
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        var tool = Messages(requests[1]).Last()!;
        Assert.Equal("tool", tool["role"]!.GetValue<string>());
        Assert.Equal("call_bad", tool["tool_call_id"]!.GetValue<string>());
        Assert.Contains("not valid JSON", ToolText(tool["content"]!), StringComparison.Ordinal);
        Assert.False(Assert.Single(events.Of<ToolCallFinished>()).Succeeded);
    }

    [Fact]
    public async Task A_stream_cut_mid_message_is_asked_again_and_completes()
    {
        // The role chunk and two content chunks arrive; then the connection drops.
        _server.EnqueueCut(OpenAIReply.Text(60, 20, "Tides ", "are ", "caused by the moon."), afterChunks: 3);
        _server.EnqueueCompletion(OpenAIReply.Text(60, 12, "Tides are caused by the moon."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal("Tides are caused by the moon.", task.FinalMessage);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Json["messages"]!.ToJsonString(), requests[1].Json["messages"]!.ToJsonString());
        var warning = Assert.Single(events.Of<Warning>());
        Assert.Contains("broke off", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning.Message);
    }

    [Fact]
    public async Task A_stream_that_keeps_breaking_fails_cleanly_with_one_line()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.EnqueueCut(OpenAIReply.Text(60, 20, "Tides ", "are ", "caused by the moon."), afterChunks: 2);
        }

        var (task, _) = await RunAsync();

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("broke off", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Non_streaming_json_replies_drive_the_same_tool_loop_and_metering()
    {
        _server.EnqueueCompletion(OpenAIReply.ToolCall(70, 11, "call_01", "lookup_fact", "{\"topic\":\"tides\"}"));
        _server.EnqueueCompletion(OpenAIReply.Text(90, 6, "From the moon."));
        var (provider, model) = LoopbackClients.OpenAI(_server);
        using var disposeProvider = provider;
        var hub = new TaskEventHub("t-json");
        var recorder = new EventRecorder();
        hub.Subscribe(recorder);
        var events = hub.For(AgentInfo.MainId);
        var tools = Tools().CreateTools(new ToolContext(events, TestRun.Folders, Path.GetTempPath())).ToDictionary(t => t.Name);
        var gate = new PermissionGate(new PermissionPolicy(), TestApprovals.Yes(), events);
        IList<AITool> declared = [.. tools.Values.Select(t => (AITool)t.Function)];
        var pipeline = ChatPipeline.Build(provider, model, events, new ToolInvoker(tools, gate, events), new ToolSelection(tools.Values, "Why are there tides?"), new TaskControl(), null);
        var (client, meter) = (pipeline.Client, pipeline.Meter);

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Why are there tides?")],
            new ChatOptions { Tools = declared });

        Assert.Equal("From the moon.", response.Text);
        Assert.Equal(["tides"], Lookups);
        Assert.All(_server.Requests, r => Assert.False(r.IsStreaming));
        Assert.Equal(2, meter.Calls);
        Assert.Equal([(70L, 11L), (90L, 6L)], recorder.Of<UsageReported>().Select(u => (u.InputTokens, u.OutputTokens)));
    }
}
