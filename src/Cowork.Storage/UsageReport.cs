namespace Cowork.Storage;

/// <summary>Token usage between two local days, inclusive, summed three ways.</summary>
/// <param name="Total">All usage in the range.</param>
/// <param name="ByDay">One row per local day that has usage, oldest first.</param>
/// <param name="ByModel">One row per model, most tokens (input + output) first.</param>
/// <param name="ByTask">One row per task, most tokens (input + output) first.</param>
public sealed record UsageReport(
    DateOnly From,
    DateOnly To,
    UsageTotals Total,
    IReadOnlyList<DailyUsage> ByDay,
    IReadOnlyList<ModelUsage> ByModel,
    IReadOnlyList<TaskUsage> ByTask);
