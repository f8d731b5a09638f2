using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Keeps a task within its budget: a warning once 80 % is used, and no further model call once it is all used
/// (the task then stops cleanly with <see cref="StopReason.BudgetReached"/>).
/// </summary>
/// <remarks>Sits above <see cref="MeteringChatClient"/>, so each call's usage is on the task before the next check.</remarks>
public sealed class BudgetChatClient(IChatClient innerClient, TaskBudget budget, ModelPrice? price, EventPublisher events) : DelegatingChatClient(innerClient)
{
    public const double WarningShare = 0.8;
    private bool _warned;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Check();
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Warn();
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Check();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }

        Warn();
    }

    private void Check()
    {
        if (budget.Used(events.Task.Usage, price) >= 1)
        {
            throw new BudgetReachedException(Describe());
        }
    }

    private void Warn()
    {
        if (!_warned && budget.Used(events.Task.Usage, price) >= WarningShare)
        {
            _warned = true;
            events.Publish(new Warning($"{Describe()}: over {WarningShare:P0} of the task's budget."));
        }
    }

    private string Describe()
    {
        var usage = events.Task.Usage;
        var parts = new List<string>();
        if (budget.MaxTokens is { } tokens)
        {
            parts.Add(FormattableString.Invariant($"{usage.InputTokens + usage.OutputTokens:N0} of {tokens:N0} tokens"));
        }

        if (budget.MaxCost is { } cost && price is not null)
        {
            parts.Add(FormattableString.Invariant($"${price.Cost(usage):0.####} of ${cost:0.##}"));
        }

        return "Used " + string.Join(" and ", parts);
    }
}
