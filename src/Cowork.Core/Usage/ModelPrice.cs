namespace Cowork;

/// <summary>What a model costs, in US dollars per million tokens.</summary>
public sealed record ModelPrice(decimal Input, decimal Output, decimal CacheRead, decimal CacheWrite)
{
    /// <summary>The cost of <paramref name="usage"/>. Input counts include cache reads and writes, which are priced apart.</summary>
    public decimal Cost(UsageTotals usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var plainInput = Math.Max(0, usage.InputTokens - usage.CacheReadTokens - usage.CacheWriteTokens);
        return ((plainInput * Input) + (usage.OutputTokens * Output) + (usage.CacheReadTokens * CacheRead) + (usage.CacheWriteTokens * CacheWrite)) / 1_000_000m;
    }
}
