using Spectre.Console.Testing;

namespace Cowork.Cli.Tests;

/// <summary>Runs the cowork command line in-process against a test console, with its own COWORK_HOME.</summary>
internal sealed class CliRun
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public CliRun(TempFolder temp, bool interactive = false, bool canPrompt = false)
    {
        Home = temp.Combine("home");
        _environment["COWORK_HOME"] = Home;
        Console = new TestConsole();
        Console.Profile.Width = 300;
        if (interactive)
        {
            Console.Interactive();
            Console.EmitAnsiSequences = true;
            Console.Profile.Capabilities.Ansi = true;
        }

        CanPrompt = canPrompt;
        CurrentDirectory = temp.Path;
    }

    public string Home { get; }

    public TestConsole Console { get; }

    public bool CanPrompt { get; set; }

    public string CurrentDirectory { get; set; }

    public string InputText { get; set; } = "";

    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public CliRun Env(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    public Task<int> InvokeAsync(params string[] args) => InvokeAsync(args, CancellationToken.None);

    public Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        var host = new CliHost(Console, Output, Error, new StringReader(InputText), CanPrompt,
            name => _environment.GetValueOrDefault(name), CurrentDirectory);
        return CoworkCommandLine.InvokeAsync(args, host, cancellationToken);
    }
}
