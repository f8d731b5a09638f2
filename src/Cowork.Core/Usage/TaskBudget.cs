namespace Cowork;

/// <summary>Limits on what one task may spend; <see langword="null"/> means no limit.</summary>
/// <param name="MaxTokens">Input plus output tokens over all model calls of the task.</param>
/// <param name="MaxCost">US dollars, estimated with the price table; needs a known price.</param>
public sealed record TaskBudget(long? MaxTokens = null, decimal? MaxCost = null)
{
    public static TaskBudget None { get; } = new();

    /// <summary>The share of the budget used, 0 to 1 and beyond: the larger of the token share and the cost share.</summary>
    public double Used(UsageTotals usage, ModelPrice? price)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var tokens = MaxTokens is > 0 ? (double)(usage.InputTokens + usage.OutputTokens) / MaxTokens.Value : 0;
        var cost = MaxCost is > 0 && price is not null ? (double)(price.Cost(usage) / MaxCost.Value) : 0;
        return Math.Max(tokens, cost);
    }
}
