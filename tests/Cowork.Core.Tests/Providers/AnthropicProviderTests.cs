using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>
/// The Anthropic provider end to end: <see cref="ModelClientFactory"/> builds the official SDK's client, which talks
/// the Messages API wire protocol to a loopback server, under the real pipeline and <see cref="AgentRunner"/>.
/// </summary>
public sealed class AnthropicProviderTests : ProviderTestBase
{
    private readonly LoopbackAnthropicServer _server = new();

    private protected override IAsyncDisposable Server => _server;

    private protected override (IChatClient Client, ModelSpec Model) Connect(string? model) =>
        LoopbackClients.Anthropic(_server, model ?? "claude-test");

    private static JsonArray Messages(LoopbackRequest request) => request.Json["messages"]!.AsArray();

    [Fact]
    public async Task Tool_loop_runs_end_to_end_and_reports_theServers_token_counts()
    {
        _server.EnqueueMessage(AnthropicReply.ToolUse(120, 31, "Let me look that up.", "toolu_01", "lookup_fact", "{\"top", "ic\": \"ti", "des\"}"));
        _server.EnqueueMessage(AnthropicReply.Text(210, 17, "Tides come ", "from the moon."));

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
            Assert.Equal("/v1/messages", r.Path);
            // SDK 13.x sends ClientOptions.ApiKey as "Authorization: Bearer" (its documented behaviour), not x-api-key.
            Assert.True(
                r.Header("x-api-key") == LoopbackClients.AnthropicKey || r.Header("authorization") == $"Bearer {LoopbackClients.AnthropicKey}",
                "The API key did not reach the server.");
            Assert.NotNull(r.Header("anthropic-version"));
            Assert.True(r.IsStreaming);
            Assert.Equal("claude-test", r.Json["model"]!.GetValue<string>());
        });
        var tools = requests[0].Json["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("lookup_fact", tools);
        Assert.Contains(ToolNames.UpdatePlan, tools);
        Assert.Contains("Granted folders:", requests[0].Json["system"]!.ToJsonString(), StringComparison.Ordinal);

        // The second request carries the assistant's tool_use and the tool_result for it.
        var second = Messages(requests[1]);
        Assert.Equal(3, second.Count);
        var toolUse = second[1]!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("assistant", second[1]!["role"]!.GetValue<string>());
        Assert.Equal("toolu_01", toolUse["id"]!.GetValue<string>());
        Assert.Equal("tides", toolUse["input"]!["topic"]!.GetValue<string>());
        var toolResult = second[2]!["content"]!.AsArray().Single()!;
        Assert.Equal("user", second[2]!["role"]!.GetValue<string>());
        Assert.Equal("tool_result", toolResult["type"]!.GetValue<string>());
        Assert.Equal("toolu_01", toolResult["tool_use_id"]!.GetValue<string>());
        Assert.Equal(Fact, toolResult["content"]!.GetValue<string>());
        Assert.False(toolResult["is_error"]?.GetValue<bool>() ?? false);

        var usage = events.Of<UsageReported>();
        Assert.Equal([(120L, 31L), (210L, 17L)], usage.Select(u => (u.InputTokens, u.OutputTokens)));
        Assert.All(usage, u => Assert.Equal("anthropic:claude-test", u.Model));
        Assert.Equal(330, task.Usage.InputTokens);
        Assert.Equal(48, task.Usage.OutputTokens);
        Assert.Equal(2, task.ModelCalls);
        Assert.Equal("Let me look that up.Tides come from the moon.", string.Concat(events.Of<AssistantText>().Select(t => t.Text)));
    }

    [Fact]
    public async Task At_the_turn_limit_the_last_request_keeps_the_tools_declared_but_forbids_their_use()
    {
        _server.EnqueueMessage(AnthropicReply.ToolUse(10, 5, null, "toolu_01", "lookup_fact", "{\"topic\":\"tides\"}"));
        _server.EnqueueMessage(AnthropicReply.Text(20, 5, "Out of turns."));

        var (task, _) = await RunAsync(TestRun.Options(maxTurns: 2));

        Assert.Equal(StopReason.TurnLimit, task.StopReason);
        var last = _server.Requests[^1].Json;
        // The conversation holds a tool_use block, which the API accepts only with tool definitions.
        Assert.Contains("tool_use", last["messages"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEmpty(last["tools"]!.AsArray());
        Assert.Equal("none", last["tool_choice"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cache_token_counts_are_reported_as_parts_of_the_input()
    {
        _server.EnqueueMessage(new AnthropicReply([new AnthropicText(["Cached."])], "end_turn", 40, 5, CacheReadTokens: 900, CacheWriteTokens: 300));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        var usage = Assert.Single(events.Of<UsageReported>());
        Assert.Equal(900, usage.CacheReadTokens);
        Assert.Equal(300, usage.CacheWriteTokens);
        Assert.Equal(5, usage.OutputTokens);
        // The SDK's adapter counts all input, cached included (input_tokens + cache reads + cache writes), as OpenAI's
        // prompt_tokens does: InputTokens is the whole prompt and the cache counts are parts of it.
        Assert.Equal(40 + 900 + 300, usage.InputTokens);
    }

    [Fact]
    public async Task Rate_limit_overload_andServer_error_are_retried_until_success()
    {
        _server.EnqueueError(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
        _server.EnqueueError(529, "overloaded_error", "Overloaded");
        _server.EnqueueError(500, "api_error", "Internal server error");
        _server.EnqueueMessage(AnthropicReply.Text(10, 3, "Fine now."));

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
        Assert.Contains("HTTP 529", warnings[1], StringComparison.Ordinal);
        Assert.Contains("HTTP 500", warnings[2], StringComparison.Ordinal);
        Assert.Equal(1, task.ModelCalls);
        Assert.Single(events.Of<UsageReported>());
    }

    [Fact]
    public async Task Sdk_retries_are_off_so_theServer_sees_exactly_our_attempts()
    {
        for (var i = 0; i < 10; i++)
        {
            // x-should-retry asks the SDK to retry on its own; it must not.
            _server.EnqueueError(500, "api_error", "Internal server error", ("x-should-retry", "true"));
        }

        var (task, events) = await RunAsync(TestRun.Options(maxAttempts: 3));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("Gave up after 3 attempts", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
        Assert.Equal(2, events.Of<Warning>().Count);
    }

    [Fact]
    public async Task A_bad_key_fails_at_once_with_a_one_line_message_naming_the_key()
    {
        _server.EnqueueError(401, "authentication_error", "invalid x-api-key");

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("ANTHROPIC_API_KEY", task.FinalMessage, StringComparison.Ordinal);
        Assert.Contains("key", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
        Assert.Single(_server.Requests);
        Assert.Empty(events.Of<Warning>());
    }

    [Fact]
    public async Task An_unknown_model_fails_at_once_with_a_one_line_message_naming_the_model()
    {
        _server.EnqueueError(404, "not_found_error", "model: claude-nope");

        var (task, events) = await RunAsync(model: "claude-nope");

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("claude-nope", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
        Assert.Single(_server.Requests);
        Assert.Empty(events.Of<Warning>());
    }

    [Fact]
    public async Task Malformed_tool_arguments_are_not_run_and_the_model_is_told()
    {
        // The input_json_delta fragments never close the object: the arguments are not valid JSON.
        _server.EnqueueMessage(AnthropicReply.ToolUse(50, 9, null, "toolu_bad", "lookup_fact", "{\"topic\": ", "\"tid"));
        _server.EnqueueMessage(AnthropicReply.Text(80, 4, "Sorry, I could not look it up."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Empty(Lookups);
        Assert.Empty(events.Of<ToolCallStarted>());
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        var result = Messages(requests[1]).Last()!["content"]!.AsArray().Single()!;
        Assert.Equal("tool_result", result["type"]!.GetValue<string>());
        Assert.Equal("toolu_bad", result["tool_use_id"]!.GetValue<string>());
        Assert.Contains("not valid JSON", result["content"]!.ToJsonString(), StringComparison.Ordinal);
        var finished = Assert.Single(events.Of<ToolCallFinished>());
        Assert.False(finished.Succeeded);
    }

    [Fact]
    public async Task A_stream_cut_mid_message_is_asked_again_and_completes()
    {
        // message_start, ping, content_block_start, two text deltas; then the connection drops.
        _server.EnqueueCut(AnthropicReply.Text(60, 20, "Tides ", "are ", "caused by the moon."), afterEvents: 5);
        _server.EnqueueMessage(AnthropicReply.Text(60, 12, "Tides are caused by the moon."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal("Tides are caused by the moon.", task.FinalMessage);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);
        // Nothing of the broken reply is sent back as if the model had said it.
        Assert.Equal(requests[0].Json["messages"]!.ToJsonString(), requests[1].Json["messages"]!.ToJsonString());
        var warning = Assert.Single(events.Of<Warning>());
        Assert.Contains("broke off", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Asking the model again", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning.Message);
    }

    [Fact]
    public async Task A_stream_cut_after_a_tool_round_keeps_the_tool_result_and_does_not_rerun_the_tool()
    {
        _server.EnqueueMessage(AnthropicReply.ToolUse(100, 20, null, "toolu_01", "lookup_fact", "{\"topic\":", "\"tides\"}"));
        _server.EnqueueCut(AnthropicReply.Text(150, 20, "Tides ", "come ", "from the moon."), afterEvents: 4);
        _server.EnqueueMessage(AnthropicReply.Text(150, 10, "Tides come from the moon."));

        var (task, _) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal("Tides come from the moon.", task.FinalMessage);
        Assert.Single(Lookups);
        var requests = _server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(requests[1].Json["messages"]!.ToJsonString(), requests[2].Json["messages"]!.ToJsonString());
        Assert.Contains("tool_result", requests[2].Json["messages"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_keeps_breaking_fails_cleanly_with_one_line()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.EnqueueCut(AnthropicReply.Text(60, 20, "Tides ", "are ", "caused by the moon."), afterEvents: 4);
        }

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(StopReason.ModelError, task.StopReason);
        Assert.Contains("broke off", task.FinalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', task.FinalMessage!);
        Assert.Equal(3, _server.Requests.Count); // the first try and MaxStreamRecoveries (2) more
        Assert.Equal(2, events.Of<Warning>().Count);
    }

    [Fact]
    public async Task A_connection_dropped_before_any_event_is_retried_like_any_transient_failure()
    {
        _server.EnqueueCut(AnthropicReply.Text(60, 20, "never sent"), afterEvents: 0);
        _server.EnqueueMessage(AnthropicReply.Text(60, 5, "Here."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(2, _server.Requests.Count);
        var warning = Assert.Single(events.Of<Warning>());
        Assert.Contains("Retrying", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overloaded_error_event_as_the_first_event_of_a_stream_is_retried()
    {
        _server.Enqueue(LoopbackResponse.EventStream(
            ["event: error\ndata: " + LoopbackAnthropicServer.ErrorBody("overloaded_error", "Overloaded") + "\n\n"]));
        _server.EnqueueMessage(AnthropicReply.Text(60, 5, "Here."));

        var (task, events) = await RunAsync();

        Assert.Equal(TaskState.Completed, task.State);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Contains("Retrying", Assert.Single(events.Of<Warning>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_streaming_json_replies_drive_the_same_tool_loop_and_metering()
    {
        _server.EnqueueMessage(AnthropicReply.ToolUse(70, 11, null, "toolu_01", "lookup_fact", "{\"topic\":\"tides\"}"));
        _server.EnqueueMessage(AnthropicReply.Text(90, 6, "From the moon."));
        var (provider, model) = LoopbackClients.Anthropic(_server);
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
        Assert.Contains("tool_result", _server.Requests[1].Body, StringComparison.Ordinal);
    }
}
