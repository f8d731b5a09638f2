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
}
