using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Anthropic;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// The only place that touches the Anthropic SDK's client types (with <see cref="AnthropicPromptCachingChatClient"/>,
/// which it wraps around the SDK's client); see <see cref="ModelClientFactory"/>.
/// </summary>
internal static class AnthropicClients
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IChatClient Create(string model, string key, string? baseUrl, TimeSpan timeout, int maxOutputTokens)
    {
        var client = baseUrl is null
            ? new AnthropicClient { ApiKey = key, MaxRetries = 0, Timeout = timeout }
            : new AnthropicClient { ApiKey = key, MaxRetries = 0, Timeout = timeout, BaseUrl = baseUrl };
        return new AnthropicPromptCachingChatClient(client.AsIChatClient(model, maxOutputTokens));
    }

    /// <summary>
    /// One streamed call through the SDK and its <see cref="IChatClient"/> adapter to an HTTP handler that answers in
    /// memory: it compiles and caches the SDK's request building and response parsing (mostly reflection-based JSON)
    /// so the first real request does not wait for them.
    /// </summary>
    /// <remarks>No byte leaves the process; the client, its key and its URL are the dry run's own.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task WarmUpAsync(string model, int maxOutputTokens)
    {
        using var http = new HttpClient(new InMemoryMessagesHandler());
        using var client = new AnthropicClient { HttpClient = http, ApiKey = "warm-up", BaseUrl = InMemoryMessagesHandler.BaseUrl, MaxRetries = 0 };
        using var chat = client.AsIChatClient(model, maxOutputTokens);
        using var schema = JsonDocument.Parse("""
            {"type":"object","properties":{
              "steps":{"type":"array","items":{"type":"object","properties":{"title":{"type":"string","description":"d"},"status":{"type":"string","enum":["a","b"]}},"required":["title"]}},
              "path":{"type":["string","null"],"description":"d","default":null},"depth":{"type":"integer","default":1},"dry_run":{"type":"boolean"}},
             "required":["steps"]}
            """);
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("warm_up", "A tool declaration for the dry run.", schema.RootElement.Clone())] };
        List<ChatMessage> messages = [new(ChatRole.System, "Dry run."), new(ChatRole.User, "Dry run.")];
        await foreach (var update in chat.GetStreamingResponseAsync(messages, options).ConfigureAwait(false))
        {
            _ = update.Text;
        }
    }

    /// <summary>Answers every request with one canned Messages API event stream: a text block and a tool call.</summary>
    private sealed class InMemoryMessagesHandler : HttpMessageHandler
    {
        /// <summary>A reserved name (RFC 2606) that could not resolve even if the handler were bypassed.</summary>
        public const string BaseUrl = "http://warm-up.invalid";

        private const string Stream = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_warm","type":"message","role":"assistant","model":"warm","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Dry run."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_warm","name":"warm_up","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"steps\":[{\"title\":\"t\"}]}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":2}}

            event: message_stop
            data: {"type":"message_stop"}


            """;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                _ = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(Stream.ReplaceLineEndings("\n"), Encoding.UTF8, "text/event-stream"),
            };
        }
    }
}
