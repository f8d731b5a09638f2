namespace Cowork.Tests;

// A scripted OpenAI assistant message and its tool calls.

/// <summary>A tool call of a scripted OpenAI reply; its arguments stream as one fragment per element of <paramref name="ArgumentParts"/>.</summary>
internal sealed record OpenAIToolCall(string Id, string Name, IReadOnlyList<string> ArgumentParts);

/// <summary>One scripted assistant message.</summary>
internal sealed record OpenAIReply(IReadOnlyList<string> TextDeltas, IReadOnlyList<OpenAIToolCall> ToolCalls, string FinishReason, int PromptTokens, int CompletionTokens, int CachedTokens = 0)
{
    public static OpenAIReply Text(int promptTokens, int completionTokens, params string[] deltas) =>
        new(deltas, [], "stop", promptTokens, completionTokens);

    public static OpenAIReply ToolCall(int promptTokens, int completionTokens, string id, string name, params string[] argumentParts) =>
        new([], [new OpenAIToolCall(id, name, argumentParts)], "tool_calls", promptTokens, completionTokens);
}
