using Spectre.Console;

namespace Cowork.Cli;

/// <summary>Everything the commands take from the process: console, streams, environment, working folder.</summary>
/// <remarks>Commands never touch <see cref="System.Console"/> or the environment directly, so tests run them in-process.</remarks>
/// <param name="Console">Rich output for people.</param>
/// <param name="Output">Raw standard output, for <c>--json</c> lines.</param>
/// <param name="Error">Standard error, for one-line errors.</param>
/// <param name="Input">Standard input, for plain prompts.</param>
/// <param name="CanPrompt">Whether a person can answer on standard input.</param>
internal sealed record CliHost(
    IAnsiConsole Console,
    TextWriter Output,
    TextWriter Error,
    TextReader Input,
    bool CanPrompt,
    Func<string, string?> Environment,
    string CurrentDirectory)
{
    public static CliHost FromProcess() => new(
        AnsiConsole.Console,
        System.Console.Out,
        System.Console.Error,
        System.Console.In,
        !System.Console.IsInputRedirected,
        System.Environment.GetEnvironmentVariable,
        System.Environment.CurrentDirectory);

    /// <summary>Whether the live view can be drawn (a terminal that understands cursor movement).</summary>
    public bool IsInteractiveTerminal => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;
}
