namespace Cowork.Bench.LongTask;

/// <summary>What one run of the long task measured.</summary>
internal sealed record Result(string Name, int Reads, int Requests, int Summaries, long Bytes, long Largest, TimeSpan Wall, int Compactions);
