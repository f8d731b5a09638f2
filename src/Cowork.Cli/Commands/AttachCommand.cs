using System.CommandLine;
using System.Text.Json;
using Cowork.Cli.Interaction;
using Cowork.Storage;

namespace Cowork.Cli.Commands;

/// <summary>
/// <c>cowork attach &lt;task&gt;</c>: the live view of a task another process runs (a <c>--detach</c> task, or one in
/// another terminal), rebuilt from its stored events as they arrive; approvals it waits for are asked here.
/// Ctrl-C leaves the task running.
/// </summary>
internal sealed class AttachCommand : Command
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(150);
    private readonly Argument<string> _task = new("task") { Description = "The task id, or 'last'." };
    private readonly Option<bool> _json = new("--json") { Description = "Write one JSON event per line on standard output." };
    private readonly CliHost _host;

    public AttachCommand(CliHost host)
        : base("attach", "Follow a task running in another process: its plan, progress and approvals, live.")
    {
        _host = host;
        Add(_task);
        Add(_json);
        SetAction((parsed, cancellationToken) => ExecuteAsync(parsed, cancellationToken));
    }

    private async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var paths = CoworkPaths.Resolve(_host.Environment);
        var config = CoworkConfig.Load(paths.ConfigFile);
        using var store = TaskStore.Open(paths.Home);
        var (task, _) = TaskControls.Load(paths, store, parsed.GetValue(_task) ?? "");
        var prices = new PriceTable(config.Prices);

        // Directions typed into the live view go to the task through the store, as `cowork steer` sends them.
        var steering = new TaskControl();
        steering.Changed += () =>
        {
            while (steering.TryTake(out var direction))
            {
                store.SendControl(task.Id, ControlKind.Steer, JsonSerializer.Serialize(direction, EventJson.Options));
            }
        };
        ITaskView view = parsed.GetValue(_json)
            ? new JsonTaskView(_host, approvePlan: false)
            : _host.IsInteractiveTerminal
                ? new LiveTaskView(_host, approvePlan: false, prices, steering: steering)
                : new PlainTaskView(_host, approvePlan: false, prices);
        var followed = await view.RunAsync(() => FollowAsync(store, paths.TaskDirectory(task.Id), task.Id, view, cancellationToken));
        if (cancellationToken.IsCancellationRequested && followed.StopReason is null)
        {
            await _host.Error.WriteLineAsync($"Detached; task {task.Id} goes on. `cowork attach {task.Id}` follows it again.");
            return ExitCodes.Done;
        }

        return ExitCodes.For(followed);
    }

    /// <summary>Feeds the view every stored event, then each new one, until the run ends; answers approvals on the way.</summary>
    private async Task<CoworkTask> FollowAsync(TaskStore store, string taskDirectory, string taskId, ITaskView view, CancellationToken cancellationToken)
    {
        var task = new CoworkTask(taskId);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        ApprovalRequested? pending = null;
        long after = 0;
        try
        {
            while (true)
            {
                // Whether it runs is read before the events: a run that ends in between still has its last events read.
                var running = TaskLock.IsHeld(taskDirectory);
                foreach (var taskEvent in store.ReadEvents(taskId, after))
                {
                    after = taskEvent.Sequence;
                    task.Apply(taskEvent);
                    view.OnEvent(taskEvent);
                    pending = taskEvent switch
                    {
                        ApprovalRequested requested => requested,
                        ApprovalAnswered answered when answered.ApprovalId == pending?.ApprovalId => null,
                        _ => pending,
                    };
                }

                if (!running)
                {
                    if (task.StopReason is null)
                    {
                        view.OnEvent(new Warning($"Task {taskId} is not running: it was interrupted. `cowork resume {taskId}` takes it up again."));
                    }

                    return task;
                }

                if (pending is not null && asked.Add(pending.ApprovalId))
                {
                    var decision = await view.DecideAsync(new ApprovalRequest(pending.ApprovalId, pending.Kind, pending.Subject, pending.Detail), cancellationToken);
                    store.SendControl(taskId, ControlKind.Answer, JsonSerializer.Serialize(new ApprovalAnswer(pending.ApprovalId, decision.Approved, decision.Reason), EventJson.Options));
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return task;
        }
        catch (ApprovalUnavailableException ex)
        {
            view.OnEvent(new Warning($"{ex.Message} The task waits; `cowork attach {taskId}` in a terminal can answer."));
            return task;
        }
    }
}
