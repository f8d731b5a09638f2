namespace Cowork;

/// <summary>
/// What all tasks together may spend in one local day (from the config file); <see langword="null"/> limits mean none.
/// </summary>
/// <param name="MaxTokens">Input plus output tokens per day.</param>
/// <param name="MaxCost">US dollars per day, estimated with the price table.</param>
/// <param name="TokensBefore">Tokens every task used today before this run began.</param>
/// <param name="CostBefore">The estimated cost of today's usage before this run began.</param>
public sealed record DailyBudget(long? MaxTokens, decimal? MaxCost, long TokensBefore, decimal CostBefore)
{
    public static DailyBudget None { get; } = new(null, null, 0, 0);

    /// <summary>The share of the day's budget used once this run's <paramref name="thisRun"/> is added, 0 to 1 and beyond.</summary>
    public double Used(UsageTotals thisRun, ModelPrice? price)
    {
        ArgumentNullException.ThrowIfNull(thisRun);
        var tokens = MaxTokens is > 0 ? (double)(TokensBefore + thisRun.InputTokens + thisRun.OutputTokens) / MaxTokens.Value : 0;
        var cost = MaxCost is > 0 ? (double)((CostBefore + (price?.Cost(thisRun) ?? 0)) / MaxCost.Value) : 0;
        return Math.Max(tokens, cost);
    }
}
