using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Shapes the last model call a turn budget allows: the tools stay declared, so a conversation that holds tool calls
/// stays valid (Anthropic refuses tool_use history without tool definitions), but the tool mode is none, so the model
/// can only answer. It also marks that the budget was reached.
/// </summary>
/// <remarks>
/// <see cref="FunctionInvokingChatClient"/> strips the tools from the last call it allows; the runner sets the tool
/// mode to none for the very last call of a task. Either way this client sees a call that may not use tools.
/// </remarks>
public sealed class FinalCallChatClient(IChatClient innerClient, IList<AITool> tools) : DelegatingChatClient(innerClient)
{
    /// <summary>Whether a call went out that could not use tools: the turn limit was reached.</summary>
    public bool FinalCallMade { get; private set; }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Shape(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Shape(options), cancellationToken);

    private ChatOptions? Shape(ChatOptions? options)
    {
        var stripped = options?.Tools is not { Count: > 0 };
        if (tools.Count == 0 || (!stripped && options?.ToolMode is not NoneChatToolMode))
        {
            return options;
        }

        FinalCallMade = true;
        var final = options?.Clone() ?? new ChatOptions();
        final.Tools = tools;
        final.ToolMode = ChatToolMode.None;
        return final;
    }
}
