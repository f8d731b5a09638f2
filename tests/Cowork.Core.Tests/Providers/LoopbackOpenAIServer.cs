using System.Text.Json.Nodes;

namespace Cowork.Tests;

/// <summary>
/// A loopback stand-in for an OpenAI-compatible chat completions endpoint (<c>POST /v1/chat/completions</c>):
/// answers each request with the next scripted reply, as <c>data:</c> chunks ending in <c>data: [DONE]</c> when the
/// request streams, and as one <c>chat.completion</c> object otherwise.
/// </summary>
/// <remarks>
/// Streamed tool calls arrive as the API sends them: a first <c>tool_calls</c> delta with index, id and name, then
/// argument fragments; the usage chunk (empty <c>choices</c>) comes only when the request set
/// <c>stream_options.include_usage</c>, as on the real API.
/// </remarks>
internal sealed class LoopbackOpenAIServer : LoopbackHttpServer
{
    private const long Created = 1_760_000_000;
    private int _completions;

    public void EnqueueCompletion(OpenAIReply reply) =>
        Enqueue(request =>
        {
            var id = $"chatcmpl-{Interlocked.Increment(ref _completions):D4}";
            var model = request.Json["model"]?.GetValue<string>() ?? "gpt-test";
            return request.IsStreaming
                ? LoopbackResponse.EventStream(Chunks(reply, id, model, IncludeUsage(request)))
                : LoopbackResponse.Json(200, Completion(reply, id, model).ToJsonString());
        });

    /// <summary>Queues a streamed reply whose connection drops after <paramref name="afterChunks"/> chunks.</summary>
    public void EnqueueCut(OpenAIReply reply, int afterChunks) =>
        Enqueue(request =>
        {
            var id = $"chatcmpl-{Interlocked.Increment(ref _completions):D4}";
            var model = request.Json["model"]?.GetValue<string>() ?? "gpt-test";
            return LoopbackResponse.EventStream(Chunks(reply, id, model, IncludeUsage(request)), afterChunks);
        });

    /// <summary>Queues an error in OpenAI's shape: <c>{"error":{"message":…,"type":…,"param":null,"code":…}}</c>.</summary>
    public void EnqueueError(int status, string type, string? code, string message, params (string Name, string Value)[] headers) =>
        Enqueue(LoopbackResponse.Json(status, ErrorBody(type, code, message), [("x-request-id", "req_loopback"), .. headers]));

    public static string ErrorBody(string type, string? code, string message) =>
        new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        }.ToJsonString();

    protected override LoopbackResponse Exhausted(LoopbackRequest request) =>
        LoopbackResponse.Json(400, ErrorBody("invalid_request_error", null, "loopback: no scripted response left"));

    private static bool IncludeUsage(LoopbackRequest request) =>
        request.Json["stream_options"]?["include_usage"]?.GetValue<bool>() == true;

    public static IReadOnlyList<string> Chunks(OpenAIReply reply, string id, string model, bool includeUsage)
    {
        var chunks = new List<string>
        {
            Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null),
        };
        foreach (var delta in reply.TextDeltas)
        {
            chunks.Add(Chunk(id, model, new JsonObject { ["content"] = delta }, null));
        }

        for (var index = 0; index < reply.ToolCalls.Count; index++)
        {
            var call = reply.ToolCalls[index];
            chunks.Add(Chunk(id, model, new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = index,
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
                }),
            }, null));
            foreach (var part in call.ArgumentParts)
            {
                chunks.Add(Chunk(id, model, new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["index"] = index,
                        ["function"] = new JsonObject { ["arguments"] = part },
                    }),
                }, null));
            }
        }

        chunks.Add(Chunk(id, model, new JsonObject(), reply.FinishReason));
        if (includeUsage)
        {
            chunks.Add(Data(new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = Created,
                ["model"] = model,
                ["choices"] = new JsonArray(),
                ["usage"] = Usage(reply),
            }.ToJsonString()));
        }

        chunks.Add(Data("[DONE]"));
        return chunks;
    }

    private static string Chunk(string id, string model, JsonObject delta, string? finishReason) =>
        Data(new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        }.ToJsonString());

    private static string Data(string json) => $"data: {json}\n\n";

    private static JsonObject Completion(OpenAIReply reply, string id, string model)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.TextDeltas.Count > 0 ? string.Concat(reply.TextDeltas) : null,
        };
        if (reply.ToolCalls.Count > 0)
        {
            var calls = new JsonArray();
            foreach (var call in reply.ToolCalls)
            {
                calls.Add(new JsonObject
                {
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = string.Concat(call.ArgumentParts) },
                });
            }

            message["tool_calls"] = calls;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = reply.FinishReason,
            }),
            ["usage"] = Usage(reply),
        };
    }

    private static JsonObject Usage(OpenAIReply reply) => new()
    {
        ["prompt_tokens"] = reply.PromptTokens,
        ["completion_tokens"] = reply.CompletionTokens,
        ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = reply.CachedTokens },
    };
}
