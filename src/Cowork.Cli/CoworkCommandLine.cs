using System.CommandLine;
using Cowork.Cli.Commands;
using Cowork.Storage;

namespace Cowork.Cli;

/// <summary>The <c>cowork</c> command line: parsing, dispatch and the exit-code contract.</summary>
internal static class CoworkCommandLine
{
    public static RootCommand Build(CliHost host)
    {
        var root = new RootCommand("Cowork: describe an outcome, grant folders, approve the plan, come back to finished work.");
        root.Add(new RunCommand(host));
        root.Add(new ResumeCommand(host));
        root.Add(new ResumeCommand(host, "continue"));
        root.Add(new AttachCommand(host));
        root.Add(new SteerCommand(host));
        root.Add(new PauseCommand(host));
        root.Add(new CancelCommand(host));
        root.Add(new TasksCommand(host));
        root.Add(new ShowCommand(host));
        root.Add(new UsageCommand(host));
        root.Add(new ChangesCommand(host));
        root.Add(new UndoCommand(host));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var root = Build(host);
        // A bare `cowork` shows what it can do rather than an error.
        var parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await host.Error.WriteLineAsync($"cowork: {error.Message}");
            }

            await host.Error.WriteLineAsync("Run 'cowork --help' for usage.");
            return ExitCodes.BadUsage;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = host.Output,
                Error = host.Error,
                // Ctrl-C is handled by the host so that the task ends cleanly with exit code 130.
                ProcessTerminationTimeout = null,
                EnableDefaultExceptionHandler = false,
            };
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (CoworkConfigurationException ex)
        {
            await host.Error.WriteLineAsync($"cowork: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (StoreException ex)
        {
            await host.Error.WriteLineAsync($"cowork: {ex.Message}");
            return ExitCodes.TaskFailed;
        }
    }
}
