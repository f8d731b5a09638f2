using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>What the offline planner reads out of a conversation: the request, the grants, the calls made and their results.</summary>
internal sealed class OfflineConversation
{
    private readonly List<FunctionCallContent> _calls = [];
    private readonly Dictionary<string, string> _results = new(StringComparer.Ordinal);

    public OfflineConversation(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                Folders = AgentPrompts.ParseFolders(message.Text);
            }
            else if (message.Role == ChatRole.User)
            {
                if (message.Text == AgentPrompts.PlanApproved)
                {
                    PlanApproved = true;
                }
                else if (Request.Length == 0)
                {
                    Request = message.Text;
                }
            }

            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent call:
                        _calls.Add(call);
                        break;
                    case FunctionResultContent result:
                        _results[result.CallId] = ResultText(result.Result);
                        break;
                }
            }
        }
    }

    public string Request { get; } = "";

    public IReadOnlyList<FolderGrant> Folders { get; } = [];

    public bool PlanApproved { get; }

    public int CallCount => _calls.Count;

    /// <summary>Calls to <paramref name="tool"/> so far, with their results (null while unanswered), oldest first.</summary>
    public IEnumerable<(FunctionCallContent Call, string? Result)> CallsTo(string tool) =>
        _calls.Where(c => c.Name == tool).Select(c => (c, _results.GetValueOrDefault(c.CallId)));

    /// <summary>The result of the latest call to <paramref name="tool"/> whose arguments satisfy <paramref name="match"/>.</summary>
    public string? LastResult(string tool, Func<FunctionCallContent, bool>? match = null) =>
        CallsTo(tool).LastOrDefault(c => c.Result is not null && (match is null || match(c.Call))).Result;

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        _ => result.ToString() ?? "",
    };
}
