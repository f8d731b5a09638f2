using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Sets Anthropic prompt-cache breakpoints (<c>cache_control</c>) on the stable prefix of each request, so repeated
/// prefixes are read from the cache at a tenth of the price: after the system prompt (which caches the tool
/// definitions before it too), after a compacted conversation's summary, and after the last message, which the next
/// call of the tool loop repeats.
/// </summary>
/// <remarks>
/// The caller's messages are not changed: marked messages and blocks are copies. At most three breakpoints are set;
/// the API allows four. Only the SDK's own <see cref="IChatClient"/> reads the marks (see <see cref="AIContentCacheExtensions"/>).
/// A request that declares no tools (a summary of older turns) is sent unmarked: it is not repeated, and writing it to
/// the cache would cost a quarter more than sending it.
/// </remarks>
internal sealed class AnthropicPromptCachingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Repeats(options) ? Mark(messages) : messages, options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(Repeats(options) ? Mark(messages) : messages, options, cancellationToken);

    /// <summary>Whether the request is a call of the tool loop, whose prefix the next call repeats.</summary>
    private static bool Repeats(ChatOptions? options) => options?.Tools is { Count: > 0 };

    internal static List<ChatMessage> Mark(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var system = list.FindLastIndex(m => m.Role == ChatRole.System);
        if (system >= 0)
        {
            MarkLast(list, system, _ => true);
        }

        var summary = list.FindLastIndex(m => m.Contents.Any(IsStablePrefix));
        if (summary >= 0)
        {
            MarkLast(list, summary, IsStablePrefix);
        }

        var last = list.Count - 1;
        if (last > system && last != summary)
        {
            MarkLast(list, last, _ => true);
        }

        return list;
    }

    private static bool IsStablePrefix(AIContent content) =>
        content.AdditionalProperties?.TryGetValue(ContextCompactingChatClient.StablePrefixKey, out var stable) == true && stable is true;

    /// <summary>Replaces message <paramref name="index"/> by a copy whose last block that matches (and can carry a breakpoint) is marked.</summary>
    private static void MarkLast(List<ChatMessage> list, int index, Func<AIContent, bool> match)
    {
        var message = list[index];
        for (var i = message.Contents.Count - 1; i >= 0; i--)
        {
            if (!match(message.Contents[i]) || Copy(message.Contents[i]) is not { } copy)
            {
                continue;
            }

            var marked = message.Clone();
            marked.Contents = [.. message.Contents];
            marked.Contents[i] = copy.WithCacheControl(new CacheControlEphemeral());
            list[index] = marked;
            return;
        }
    }

    /// <summary>A copy of a block that becomes a text, tool_use or tool_result block; <see langword="null"/> for others.</summary>
    private static AIContent? Copy(AIContent content)
    {
        AIContent? copy = content switch
        {
            TextContent { Text.Length: > 0 } text => new TextContent(text.Text) { Annotations = text.Annotations },
            FunctionCallContent call => new FunctionCallContent(call.CallId, call.Name, call.Arguments),
            FunctionResultContent result => new FunctionResultContent(result.CallId, result.Result) { Exception = result.Exception },
            _ => null,
        };
        if (copy is not null)
        {
            copy.RawRepresentation = content.RawRepresentation;
            copy.AdditionalProperties = content.AdditionalProperties?.Clone();
        }

        return copy;
    }
}
