using System.CommandLine;
using Cowork.Storage;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary>
/// <c>cowork cancel &lt;task&gt;</c>: a running task stops now (its tool call is cancelled); a stopped one is marked
/// cancelled. What it changed stays, and <c>cowork undo</c> reverses it.
/// </summary>
internal sealed class CancelCommand : Command
{
    private readonly Argument<string> _task = new("task") { Description = "The task id, or 'last'." };
    private readonly CliHost _host;

    public CancelCommand(CliHost host)
        : base("cancel", "Cancel a task, running or stopped; `cowork undo` reverses what it changed.")
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
        if (TaskControls.HasEnded(task) && !running)
        {
            throw new CoworkConfigurationException(TaskControls.Ended(task));
        }

        if (running)
        {
            store.SendControl(task.Id, ControlKind.Cancel);
            _host.Console.WriteLine($"Cancelling task {task.Id}. `cowork undo {task.Id}` reverses what it changed.");
            return ExitCodes.Done;
        }

        // Nobody runs it: record the end here, holding its lock so that no resume starts meanwhile.
        using (var held = TaskLock.TryAcquire(paths.TaskDirectory(task.Id)) ?? throw new CoworkConfigurationException($"Task {task.Id} has just been taken up by another process; run cancel again."))
        {
            var hub = new TaskEventHub(task.Id, store.ReadEvents(task.Id));
            using var log = store.CreateWriter(task.Id);
            hub.Subscribe(log);
            hub.Publish(new TaskFinished(TaskState.Cancelled, StopReason.Cancelled, "Cancelled while it was stopped."));
        }

        _host.Console.WriteLine($"Task {task.Id} is cancelled. `cowork undo {task.Id}` reverses what it changed.");
        return ExitCodes.Done;
    }
}
