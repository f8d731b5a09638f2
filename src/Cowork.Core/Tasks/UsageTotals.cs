namespace Cowork;

/// <summary>Tokens summed over model calls.</summary>
public sealed record UsageTotals(long Calls, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens)
{
    public static UsageTotals Zero { get; } = new(0, 0, 0, 0, 0);

    public UsageTotals Add(UsageReported usage) => new(
        Calls + 1,
        InputTokens + usage.InputTokens,
        OutputTokens + usage.OutputTokens,
        CacheReadTokens + usage.CacheReadTokens,
        CacheWriteTokens + usage.CacheWriteTokens);

    /// <summary>What was used since <paramref name="earlier"/> totals of the same task.</summary>
    public UsageTotals Since(UsageTotals earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Calls - earlier.Calls, InputTokens - earlier.InputTokens, OutputTokens - earlier.OutputTokens,
            CacheReadTokens - earlier.CacheReadTokens, CacheWriteTokens - earlier.CacheWriteTokens);
    }
}
