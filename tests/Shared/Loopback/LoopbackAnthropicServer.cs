using System.Text.Json.Nodes;

namespace Cowork.Tests;

/// <summary>
/// A loopback stand-in for Anthropic's Messages API (<c>POST /v1/messages</c>): answers each request with the next
/// scripted reply, as a server-sent event stream when the request asks to stream and as one JSON message otherwise.
/// </summary>
/// <remarks>
/// The stream is the real wire protocol: <c>message_start</c>, <c>ping</c>, <c>content_block_start</c> /
/// <c>content_block_delta</c> (<c>text_delta</c>, <c>input_json_delta</c>) / <c>content_block_stop</c> per block,
/// <c>message_delta</c> with the stop reason and cumulative output tokens, and <c>message_stop</c>.
/// </remarks>
internal sealed class LoopbackAnthropicServer : LoopbackHttpServer
{
    private int _messages;

    /// <summary>Queues a reply, streamed or not as the request asks.</summary>
    public void EnqueueMessage(AnthropicReply reply) =>
        Enqueue(request =>
        {
            var id = $"msg_{Interlocked.Increment(ref _messages):D4}";
            var model = request.Json["model"]?.GetValue<string>() ?? "claude-test";
            return request.IsStreaming
                ? LoopbackResponse.EventStream(Events(reply, id, model))
                : LoopbackResponse.Json(200, Message(reply, id, model, streaming: false).ToJsonString());
        });

    /// <summary>Queues a reply decided from the request it answers, streamed or not as the request asks.</summary>
    public void EnqueueMessage(Func<LoopbackRequest, AnthropicReply> reply) =>
        Enqueue(request =>
        {
            var id = $"msg_{Interlocked.Increment(ref _messages):D4}";
            var model = request.Json["model"]?.GetValue<string>() ?? "claude-test";
            var answer = reply(request);
            return request.IsStreaming
                ? LoopbackResponse.EventStream(Events(answer, id, model))
                : LoopbackResponse.Json(200, Message(answer, id, model, streaming: false).ToJsonString());
        });

    /// <summary>Queues a streamed reply whose connection drops after <paramref name="afterEvents"/> events.</summary>
    public void EnqueueCut(AnthropicReply reply, int afterEvents) =>
        Enqueue(request =>
        {
            var id = $"msg_{Interlocked.Increment(ref _messages):D4}";
            var model = request.Json["model"]?.GetValue<string>() ?? "claude-test";
            return LoopbackResponse.EventStream(Events(reply, id, model), afterEvents);
        });

    /// <summary>Queues an error in Anthropic's shape: <c>{"type":"error","error":{"type":…,"message":…}}</c>.</summary>
    public void EnqueueError(int status, string type, string message, params (string Name, string Value)[] headers) =>
        Enqueue(LoopbackResponse.Json(status, ErrorBody(type, message), [("request-id", "req_loopback"), .. headers]));

    public static string ErrorBody(string type, string message) =>
        new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
        }.ToJsonString();

    /// <summary>
    /// Answers every request the queue does not, from the request alone (a model that decides by the conversation it
    /// is sent, so a resumed task gets the same replies); <see langword="null"/> answers an error.
    /// </summary>
    public Func<LoopbackRequest, AnthropicReply?>? Responder { get; set; }

    /// <summary>How long each reply from <see cref="Responder"/> takes to start.</summary>
    public TimeSpan ResponderDelay { get; set; }

    protected override LoopbackResponse Exhausted(LoopbackRequest request)
    {
        if (Responder?.Invoke(request) is not { } reply)
        {
            return LoopbackResponse.Json(400, ErrorBody("invalid_request_error", "loopback: no scripted response left"));
        }

        if (ResponderDelay > TimeSpan.Zero)
        {
            Thread.Sleep(ResponderDelay);
        }

        var id = $"msg_{Interlocked.Increment(ref _messages):D4}";
        var model = request.Json["model"]?.GetValue<string>() ?? "claude-test";
        return request.IsStreaming
            ? LoopbackResponse.EventStream(Events(reply, id, model))
            : LoopbackResponse.Json(200, Message(reply, id, model, streaming: false).ToJsonString());
    }

    /// <summary>The stream's events, each one <c>event: …\ndata: …\n\n</c>.</summary>
    public static IReadOnlyList<string> Events(AnthropicReply reply, string id, string model)
    {
        var events = new List<string>
        {
            Event("message_start", new JsonObject { ["type"] = "message_start", ["message"] = Message(reply, id, model, streaming: true) }),
            Event("ping", new JsonObject { ["type"] = "ping" }),
        };
        for (var index = 0; index < reply.Blocks.Count; index++)
        {
            switch (reply.Blocks[index])
            {
                case AnthropicText text:
                    events.Add(Event("content_block_start", new JsonObject
                    {
                        ["type"] = "content_block_start",
                        ["index"] = index,
                        ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
                    }));
                    foreach (var delta in text.Deltas)
                    {
                        events.Add(Event("content_block_delta", new JsonObject
                        {
                            ["type"] = "content_block_delta",
                            ["index"] = index,
                            ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = delta },
                        }));
                    }

                    break;
                case AnthropicToolUse tool:
                    events.Add(Event("content_block_start", new JsonObject
                    {
                        ["type"] = "content_block_start",
                        ["index"] = index,
                        ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = tool.Id, ["name"] = tool.Name, ["input"] = new JsonObject() },
                    }));
                    foreach (var part in (string[])["", .. tool.JsonParts])
                    {
                        events.Add(Event("content_block_delta", new JsonObject
                        {
                            ["type"] = "content_block_delta",
                            ["index"] = index,
                            ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = part },
                        }));
                    }

                    break;
            }

            events.Add(Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }));
        }

        events.Add(Event("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = reply.StopReason, ["stop_sequence"] = null },
            // As the API sends it: cumulative output tokens; the input counts were given in message_start.
            ["usage"] = new JsonObject { ["output_tokens"] = reply.OutputTokens },
        }));
        events.Add(Event("message_stop", new JsonObject { ["type"] = "message_stop" }));
        return events;
    }

    private static string Event(string name, JsonObject data) => $"event: {name}\ndata: {data.ToJsonString()}\n\n";

    private static JsonObject Message(AnthropicReply reply, string id, string model, bool streaming)
    {
        var content = new JsonArray();
        if (!streaming)
        {
            foreach (var block in reply.Blocks)
            {
                content.Add(block switch
                {
                    AnthropicText text => new JsonObject { ["type"] = "text", ["text"] = string.Concat(text.Deltas) },
                    AnthropicToolUse tool => new JsonObject
                    {
                        ["type"] = "tool_use",
                        ["id"] = tool.Id,
                        ["name"] = tool.Name,
                        ["input"] = JsonNode.Parse(string.Concat(tool.JsonParts)),
                    },
                    _ => throw new InvalidOperationException(),
                });
            }
        }

        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = content,
            ["stop_reason"] = streaming ? null : reply.StopReason,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = reply.InputTokens,
                ["cache_creation_input_tokens"] = reply.CacheWriteTokens,
                ["cache_read_input_tokens"] = reply.CacheReadTokens,
                ["output_tokens"] = streaming ? 1 : reply.OutputTokens,
                ["service_tier"] = "standard",
            },
        };
    }
}
