using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>Builds one offline-planner reply: plan updates and tool calls, with call ids unique in the conversation.</summary>
internal sealed class OfflineTurn(OfflineConversation conversation)
{
    private readonly List<AIContent> _contents = [];

    /// <summary>Writes the plan with the first <paramref name="done"/> steps done.</summary>
    /// <param name="inProgress">Mark the step after the done ones as in progress.</param>
    /// <param name="skipFrom">Mark the steps from this index on as skipped.</param>
    /// <param name="failedAt">Mark this step as failed.</param>
    public OfflineTurn Plan(string[] steps, int done, bool inProgress = false, int? skipFrom = null, int? failedAt = null)
    {
        var list = steps.Select((title, i) => new Dictionary<string, object?>
        {
            ["title"] = title,
            ["status"] = i == failedAt ? "failed"
                : i >= skipFrom ? "skipped"
                : i < done ? "done"
                : i == done && (inProgress || done == 0) ? "in_progress"
                : "pending",
        }).ToArray();
        return Call(ToolNames.UpdatePlan, new() { ["steps"] = list });
    }

    public OfflineTurn Call(string tool, Dictionary<string, object?> arguments)
    {
        _contents.Add(new FunctionCallContent($"offline-{conversation.CallCount + _contents.Count + 1}", tool, arguments));
        return this;
    }

    public ChatResponse Build() =>
        new(new ChatMessage(ChatRole.Assistant, _contents)) { ModelId = OfflinePlannerChatClient.ModelId, FinishReason = ChatFinishReason.ToolCalls };
}
