using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// One message of the conversation with the model, as the event log keeps it: enough to send it again exactly
/// (text, tool calls with their arguments, tool results), in a JSON shape of Cowork's own that no SDK change alters.
/// </summary>
/// <param name="Role">system, user, assistant or tool.</param>
/// <param name="Text">The message's text; for a tool message, the result the model was given.</param>
/// <param name="ToolCalls">The calls an assistant message made.</param>
/// <param name="CallId">For a tool message: the call it answers.</param>
public sealed record ConversationMessage(string Role, string? Text, IReadOnlyList<RecordedToolCall>? ToolCalls = null, string? CallId = null)
{
    public static ConversationMessage System(string text) => new("system", text);

    public static ConversationMessage User(string text) => new("user", text);

    public static ConversationMessage ToolResult(string callId, string result) => new("tool", result, null, callId);

    /// <summary>The message as Cowork records it; contents other than text and tool calls (usage, reasoning) are left out.</summary>
    public static ConversationMessage From(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(c => new RecordedToolCall(c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions)))
            .ToList();
        var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        return new ConversationMessage(message.Role.Value, text.Length == 0 ? null : text, calls.Count == 0 ? null : calls);
    }

    /// <summary>The message to send the model again.</summary>
    public ChatMessage ToChatMessage()
    {
        if (CallId is not null)
        {
            return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(CallId, Text)]);
        }

        var contents = new List<AIContent>();
        if (Text is not null)
        {
            contents.Add(new TextContent(Text));
        }

        foreach (var call in ToolCalls ?? [])
        {
            contents.Add(new FunctionCallContent(call.CallId, call.Name,
                JsonSerializer.Deserialize<Dictionary<string, object?>>(call.Arguments, AIJsonUtilities.DefaultOptions)));
        }

        return new ChatMessage(new ChatRole(Role), contents);
    }
}
