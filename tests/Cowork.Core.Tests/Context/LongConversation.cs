using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>Builds conversations like a long task's: a system prompt, a request, then many tool calls with large results.</summary>
internal static class LongConversation
{
    public const string Request = "Read every report and summarize them.";

    public static List<ChatMessage> Start() =>
    [
        new(ChatRole.System, AgentPrompts.System(TestRun.Folders, new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero))),
        new(ChatRole.User, Request),
    ];

    /// <summary>Appends <paramref name="count"/> exchanges: an assistant message calling read_file, and the tool message with its result.</summary>
    public static List<ChatMessage> Reads(this List<ChatMessage> conversation, int count, int resultChars = 8 * 1024, int callsPerTurn = 1)
    {
        for (var n = 0; n < count; n++)
        {
            var turn = conversation.Count;
            var calls = Enumerable.Range(0, callsPerTurn)
                .Select(k => new FunctionCallContent($"call-{turn}-{k}", ToolNames.ReadFile, new Dictionary<string, object?> { ["path"] = $"reports/r{turn:D4}-{k}.txt" }))
                .ToList();
            conversation.Add(new ChatMessage(ChatRole.Assistant, [new TextContent($"Reading report {turn}."), .. calls]));
            conversation.Add(new ChatMessage(ChatRole.Tool, [.. calls.Select(c => (AIContent)new FunctionResultContent(c.CallId, Report(c.CallId, resultChars)))]));
        }

        return conversation;
    }

    public static string Report(string seed, int chars)
    {
        var line = $"{seed}: revenue grew in every region; see the table below for the figures by quarter.\n";
        return string.Concat(Enumerable.Repeat(line, (chars / line.Length) + 1))[..chars];
    }

    /// <summary>Every tool result in <paramref name="view"/> answers a call in it, and every call is answered.</summary>
    public static void AssertCallsPaired(IReadOnlyList<ChatMessage> view)
    {
        var calls = view.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId).ToList();
        var results = view.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId).ToList();
        Assert.Equal(calls, results);
    }
}
