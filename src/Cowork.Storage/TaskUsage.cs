namespace Cowork.Storage;

/// <summary>Usage of one task, with its request so a report can say what the tokens were spent on.</summary>
public sealed record TaskUsage(string TaskId, string Request, UsageTotals Usage);
