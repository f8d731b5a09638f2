using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Records each reply of the model as a <see cref="MessageRecorded"/> event once it is complete, so the event log
/// holds the conversation and an interrupted task can be resumed from it.
/// </summary>
/// <remarks>
/// Sits right below the tool loop: the reply is recorded before the loop runs the tools it asks for, so in the log
/// every tool result follows the call it answers. A stream cut off midway records nothing; the turn is asked again.
/// </remarks>
public sealed class RecordingChatClient(IChatClient innerClient, EventPublisher events) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Record(response);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
            yield return update;
        }

        Record(updates.ToChatResponse());
    }

    private void Record(ChatResponse response)
    {
        foreach (var message in response.Messages)
        {
            var recorded = ConversationMessage.From(message);
            if (recorded.Text is not null || recorded.ToolCalls is not null)
            {
                events.Publish(new MessageRecorded(recorded));
            }
        }
    }
}
