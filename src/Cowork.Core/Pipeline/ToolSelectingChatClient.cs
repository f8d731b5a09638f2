using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>Declares on each model call the tools <see cref="ToolSelection"/> picks for the conversation it sends.</summary>
/// <remarks>
/// Below the tool loop, which keeps every tool of the task callable; above context compaction, so the choice is made
/// from the whole conversation (a load_tools call that was summarized away still counts).
/// </remarks>
internal sealed class ToolSelectingChatClient(IChatClient innerClient, ToolSelection selection) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        return base.GetResponseAsync(list, Select(list, options), cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        return base.GetStreamingResponseAsync(list, Select(list, options), cancellationToken);
    }

    private ChatOptions? Select(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 })
        {
            return options;
        }

        var selected = options.Clone();
        selected.Tools = selection.Declared(messages);
        return selected;
    }
}
