using Spectre.Console;

namespace Cowork.Cli;

/// <summary>Everything the commands take from the process: console, streams, environment, working folder.</summary>
/// <remarks>
/// Commands never touch <see cref="System.Console"/> or the environment directly, so tests run them in-process.
/// The rich console is made on first use: <c>--json</c> runs never draw, so they never pay for detecting the terminal.
/// </remarks>
internal sealed class CliHost
{
    private readonly Lazy<IAnsiConsole> _console;

    /// <param name="console">Rich output for people.</param>
    /// <param name="output">Raw standard output, for <c>--json</c> lines.</param>
    /// <param name="error">Standard error, for one-line errors.</param>
    /// <param name="input">Standard input, for plain prompts.</param>
    /// <param name="canPrompt">Whether a person can answer on standard input.</param>
    /// <param name="environment">Reads an environment variable; <see langword="null"/> when unset.</param>
    /// <param name="currentDirectory">The folder relative paths start from.</param>
    public CliHost(
        IAnsiConsole console,
        TextWriter output,
        TextWriter error,
        TextReader input,
        bool canPrompt,
        Func<string, string?> environment,
        string currentDirectory)
        : this(new Lazy<IAnsiConsole>(console), output, error, input, canPrompt, environment, currentDirectory)
    {
    }

    private CliHost(
        Lazy<IAnsiConsole> console,
        TextWriter output,
        TextWriter error,
        TextReader input,
        bool canPrompt,
        Func<string, string?> environment,
        string currentDirectory)
    {
        _console = console;
        Output = output;
        Error = error;
        Input = input;
        CanPrompt = canPrompt;
        Environment = environment;
        CurrentDirectory = currentDirectory;
    }

    /// <summary>Rich output for people; made on first use.</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>Raw standard output, for <c>--json</c> lines.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error, for one-line errors.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input, for plain prompts.</summary>
    public TextReader Input { get; }

    /// <summary>Whether a person can answer on standard input.</summary>
    public bool CanPrompt { get; }

    public Func<string, string?> Environment { get; }

    public string CurrentDirectory { get; }

    /// <summary>Whether the live view can be drawn (a terminal that understands cursor movement).</summary>
    public bool IsInteractiveTerminal => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;

    public static CliHost FromProcess() => new(
        new Lazy<IAnsiConsole>(static () => AnsiConsole.Console),
        System.Console.Out,
        System.Console.Error,
        System.Console.In,
        !System.Console.IsInputRedirected,
        System.Environment.GetEnvironmentVariable,
        System.Environment.CurrentDirectory);
}
