using System.CommandLine;
using Cowork.Storage;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary><c>cowork pause &lt;task&gt;</c>: a running task stops at its next turn boundary; <c>cowork continue</c> takes it up again.</summary>
internal sealed class PauseCommand : Command
{
    private readonly Argument<string> _task = new("task") { Description = "The task id, or 'last'." };
    private readonly CliHost _host;

    public PauseCommand(CliHost host)
        : base("pause", "Pause a running task at its next turn; `cowork continue` goes on from there.")
    {
        _host = host;
        Add(_task);
        SetAction(parsed => Execute(parsed));
    }

    private int Execute(ParseResult parsed)
    {
        var paths = CoworkPaths.Resolve(_host.Environment);
        using var store = TaskStore.Open(paths.Home);
        var (task, running) = TaskControls.Load(paths, store, parsed.GetValue(_task) ?? "");
        if (!running)
        {
            throw new CoworkConfigurationException(TaskControls.HasEnded(task)
                ? TaskControls.Ended(task)
                : $"Task {task.Id} is not running, so there is nothing to pause; `cowork continue {task.Id}` takes it up again.");
        }

        store.SendControl(task.Id, ControlKind.Pause);
        _host.Console.WriteLine($"Pausing: the task stops after its current step of work. `cowork continue {task.Id}` goes on from there.");
        return ExitCodes.Done;
    }
}
