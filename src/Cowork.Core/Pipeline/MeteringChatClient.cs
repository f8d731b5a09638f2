using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Counts model calls (turns) and reports the tokens each one used, as the provider reported them.
/// </summary>
/// <remarks>Sits below the function-invoking client, so it sees every individual model call of the tool loop.</remarks>
/// <param name="callsSoFar">Calls the task made before this client (an earlier run of a resumed task).</param>
public sealed class MeteringChatClient(IChatClient innerClient, EventPublisher events, string modelName, int callsSoFar = 0) : DelegatingChatClient(innerClient)
{
    private int _calls = callsSoFar;

    /// <summary>Model calls the task has made, this client's and those before it.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Start();
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Report(response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Start();
        UsageDetails? usage = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usageContent)
                {
                    usage ??= new UsageDetails();
                    usage.Add(usageContent.Details);
                }
            }

            yield return update;
        }

        Report(usage);
    }

    private void Start()
    {
        events.Publish(new ModelCallStarted(Interlocked.Increment(ref _calls)));
    }

    private void Report(UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        long cacheWrite = 0;
        if (usage.AdditionalCounts is { } extra)
        {
            foreach (var (key, value) in extra)
            {
                if (key.Contains("cache_creation", StringComparison.OrdinalIgnoreCase) || key.Contains("CacheCreation", StringComparison.Ordinal))
                {
                    cacheWrite += value;
                }
            }
        }

        events.Publish(new UsageReported(
            modelName,
            usage.InputTokenCount ?? 0,
            usage.OutputTokenCount ?? 0,
            usage.CachedInputTokenCount ?? 0,
            cacheWrite));
    }
}
