using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>Reads what a model was sent: the results it got for its tool calls.</summary>
internal static class Conversation
{
    /// <summary>The results the conversation holds for calls to <paramref name="tool"/>, in order, as text.</summary>
    public static IReadOnlyList<string> ResultsFor(IReadOnlyList<ChatMessage> conversation, string tool)
    {
        var calls = conversation.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Where(c => c.Name == tool).Select(c => c.CallId).ToHashSet(StringComparer.Ordinal);
        return [.. conversation.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
            .Where(r => calls.Contains(r.CallId)).Select(r => r.Result?.ToString() ?? "")];
    }

    /// <summary>A reply that calls one tool with JSON arguments.</summary>
    public static ChatResponse Call(string tool, string arguments = "{}") => ScriptedChatClient.Reply(calls: [(tool, arguments)]);

    /// <summary>A reply that writes a plan whose steps all have <paramref name="status"/>.</summary>
    public static ChatResponse Plan(string status, params string[] titles) =>
        Call(ToolNames.UpdatePlan, $$"""{"steps":[{{string.Join(',', titles.Select(t => $$"""{"title":"{{t}}","status":"{{status}}"}"""))}}]}""");
}
