namespace Cowork.Tests;

// A scripted Anthropic assistant message and its blocks, kept together as one small vocabulary.

/// <summary>A block of a scripted Anthropic reply.</summary>
internal abstract record AnthropicBlock;

/// <summary>A text block, streamed as one <c>text_delta</c> per element of <paramref name="Deltas"/>.</summary>
internal sealed record AnthropicText(IReadOnlyList<string> Deltas) : AnthropicBlock;

/// <summary>A tool_use block whose input is streamed as one <c>input_json_delta</c> per element of <paramref name="JsonParts"/>.</summary>
internal sealed record AnthropicToolUse(string Id, string Name, IReadOnlyList<string> JsonParts) : AnthropicBlock;

/// <summary>One scripted assistant message.</summary>
internal sealed record AnthropicReply(IReadOnlyList<AnthropicBlock> Blocks, string StopReason, int InputTokens, int OutputTokens, int CacheReadTokens = 0, int CacheWriteTokens = 0)
{
    public static AnthropicReply Text(int inputTokens, int outputTokens, params string[] deltas) =>
        new([new AnthropicText(deltas)], "end_turn", inputTokens, outputTokens);

    public static AnthropicReply ToolUse(int inputTokens, int outputTokens, string? text, string id, string name, params string[] jsonParts) =>
        new(text is null ? [new AnthropicToolUse(id, name, jsonParts)] : [new AnthropicText([text]), new AnthropicToolUse(id, name, jsonParts)],
            "tool_use", inputTokens, outputTokens);
}
