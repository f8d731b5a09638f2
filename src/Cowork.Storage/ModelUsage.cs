namespace Cowork.Storage;

/// <summary>Usage of one model, as <see cref="UsageReported.Model"/> names it.</summary>
public sealed record ModelUsage(string Model, UsageTotals Usage);
