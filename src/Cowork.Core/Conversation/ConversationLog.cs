using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// An agent's conversation rebuilt from the task's event log (its <see cref="MessageRecorded"/> events, in order),
/// and what the log says about the tool calls a crash cut off.
/// </summary>
/// <remarks>
/// The log holds every message the model was sent or wrote: the system prompt and user messages as the runner adds
/// them, each assistant reply once its stream ended, each tool result as the tool returned it. Consecutive tool
/// results are one tool message, as the tool loop sends them.
/// </remarks>
public sealed class ConversationLog
{
    private ConversationLog(List<ChatMessage> messages, IReadOnlyList<RecordedToolCall> unanswered, IReadOnlySet<string> started)
    {
        Messages = messages;
        Unanswered = unanswered;
        Started = started;
    }

    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>The calls of the last assistant message that have no result in the log, in the order the model made them.</summary>
    public IReadOnlyList<RecordedToolCall> Unanswered { get; }

    /// <summary>Ids of the calls that began running (<see cref="ToolCallStarted"/>); an unanswered one among them was in flight.</summary>
    public IReadOnlySet<string> Started { get; }

    /// <summary>The last message is the assistant's answer with no tool calls: its turn ended.</summary>
    public bool EndsWithAnswer => Messages is [.., var last] && last.Role == ChatRole.Assistant && !last.Contents.OfType<FunctionCallContent>().Any();

    public static ConversationLog Rebuild(IEnumerable<TaskEvent> events, string agentId = AgentInfo.MainId)
    {
        ArgumentNullException.ThrowIfNull(events);
        var messages = new List<ChatMessage>();
        var started = new HashSet<string>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        ConversationMessage? lastAssistant = null;
        foreach (var taskEvent in events)
        {
            if (taskEvent.AgentId != agentId)
            {
                continue;
            }

            switch (taskEvent)
            {
                case ToolCallStarted call:
                    started.Add(call.CallId);
                    break;
                case MessageRecorded { Message: var message }:
                    if (message.CallId is { } callId)
                    {
                        answered.Add(callId);
                        if (messages is [.., var previous] && previous.Role == ChatRole.Tool)
                        {
                            previous.Contents.Add(new FunctionResultContent(callId, message.Text));
                            break;
                        }
                    }
                    else if (message.Role == ChatRole.Assistant.Value)
                    {
                        lastAssistant = message;
                    }

                    messages.Add(message.ToChatMessage());
                    break;
            }
        }

        var unanswered = lastAssistant?.ToolCalls?.Where(c => !answered.Contains(c.CallId)).ToList() ?? [];
        return new ConversationLog(messages, unanswered, started);
    }
}
