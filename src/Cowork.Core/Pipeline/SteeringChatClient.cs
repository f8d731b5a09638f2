using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Ends the tool loop at a turn boundary when the person paused the task or sent directions, so they take effect
/// before the next model call rather than after the whole turn: the runner adds the directions and asks again.
/// </summary>
/// <remarks>A call in progress, streaming or running tools, is never cut; only the next one is held back.</remarks>
internal sealed class SteeringChatClient(IChatClient innerClient, TaskControl control) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Check();
        return base.GetResponseAsync(messages, options, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Check();
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }

    private void Check()
    {
        if (control.PauseRequested || control.HasSteering)
        {
            throw new TurnInterruptedException(control.PauseRequested);
        }
    }
}
