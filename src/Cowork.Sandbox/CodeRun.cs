namespace Cowork.Sandbox;

/// <summary>How one run ended.</summary>
/// <param name="ExitCode">The exit status, or <see langword="null"/> when it was stopped.</param>
/// <param name="Stopped">Why Cowork stopped it (time, output, disk), or <see langword="null"/>.</param>
internal sealed record CodeRun(int? ExitCode, string? Stopped, string Output, string Errors, TimeSpan Duration);
