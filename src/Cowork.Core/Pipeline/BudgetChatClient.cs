using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Keeps a task within its budget: a warning once 80 % is used, and no further model call once it is all used
/// (the task then stops cleanly with <see cref="StopReason.BudgetReached"/>).
/// </summary>
/// <remarks>
/// Sits above <see cref="MeteringChatClient"/>, so each call's usage is on the task before the next check. The task's
/// budget counts all its runs; the daily one counts this run on top of what every task used earlier today.
/// </remarks>
public sealed class BudgetChatClient(IChatClient innerClient, TaskBudget budget, ModelPrice? price, EventPublisher events, DailyBudget? daily = null)
    : DelegatingChatClient(innerClient)
{
    public const double WarningShare = 0.8;
    private readonly DailyBudget _daily = daily ?? DailyBudget.None;
    private readonly UsageTotals _atStart = events.Task.Usage;
    private bool _warned;
    private bool _warnedDaily;

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

        if (_daily.Used(events.Task.Usage.Since(_atStart), price) >= 1)
        {
            throw new BudgetReachedException(DescribeDaily() + " (the daily limit in the config file)");
        }
    }

    private void Warn()
    {
        if (!_warned && budget.Used(events.Task.Usage, price) >= WarningShare)
        {
            _warned = true;
            events.Publish(new Warning($"{Describe()}: over {WarningShare:P0} of the task's budget."));
        }

        if (!_warnedDaily && _daily.Used(events.Task.Usage.Since(_atStart), price) >= WarningShare)
        {
            _warnedDaily = true;
            events.Publish(new Warning($"{DescribeDaily()}: over {WarningShare:P0} of the daily limit."));
        }
    }

    private string DescribeDaily()
    {
        var run = events.Task.Usage.Since(_atStart);
        var parts = new List<string>();
        if (_daily.MaxTokens is { } tokens)
        {
            parts.Add(FormattableString.Invariant($"{_daily.TokensBefore + run.InputTokens + run.OutputTokens:N0} of {tokens:N0} tokens today"));
        }

        if (_daily.MaxCost is { } cost)
        {
            parts.Add(FormattableString.Invariant($"${_daily.CostBefore + (price?.Cost(run) ?? 0):0.####} of ${cost:0.##} today"));
        }

        return "Used " + string.Join(" and ", parts);
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
