namespace Cowork.Storage;

/// <summary>Usage of one local day (the day in <see cref="TaskStoreOptions.TimeZone"/> when the call was reported).</summary>
public sealed record DailyUsage(DateOnly Day, UsageTotals Usage);
