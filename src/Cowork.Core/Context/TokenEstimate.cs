using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>A cheap, provider-independent token estimate: about four characters a token, plus a little per message.</summary>
/// <remarks>
/// Real tokenizers differ by model and language; <see cref="ContextCompactingChatClient"/> scales this estimate up when
/// the provider reported more input tokens for the last request than the estimate said.
/// </remarks>
internal static class TokenEstimate
{
    public const int CharsPerToken = 4;
    private const int PerMessage = 4;

    /// <summary>JSON as the providers send it: on one line.</summary>
    public static JsonSerializerOptions CompactJson { get; } = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>A tool call's arguments as JSON on one line.</summary>
    public static string Arguments(FunctionCallContent call) => call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, CompactJson);

    public static long Of(IEnumerable<ChatMessage> messages) => messages.Sum(Of);

    public static long Of(ChatMessage message) => PerMessage + (Chars(message) / CharsPerToken);

    /// <summary>The tool definitions a request declares: names, descriptions and schemas.</summary>
    public static long Of(IList<AITool>? tools) =>
        tools is null ? 0 : tools.Sum(t => (long)(t.Name.Length + (t.Description?.Length ?? 0) + (t is AIFunctionDeclaration f ? f.JsonSchema.GetRawText().Length : 0))) / CharsPerToken;

    public static long Chars(ChatMessage message)
    {
        long chars = 0;
        foreach (var content in message.Contents)
        {
            chars += content switch
            {
                TextContent text => text.Text.Length,
                TextReasoningContent reasoning => reasoning.Text.Length,
                FunctionCallContent call => call.Name.Length + call.CallId.Length + Arguments(call).Length,
                FunctionResultContent result => result.CallId.Length + ResultText(result.Result).Length,
                DataContent data => data.Data.Length,
                _ => 16,
            };
        }

        return chars;
    }

    /// <summary>A tool result as the model gets it: the text itself, or the JSON of anything else.</summary>
    public static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, CompactJson),
    };
}
