using Cowork.Cli.Interaction;
using Cowork.Data;
using Cowork.Documents;
using Cowork.Files;
using Cowork.Sandbox;
using Cowork.Storage;

namespace Cowork.Cli.Commands;

/// <summary>
/// Runs one task in this process, new or resumed: holds its lock, stores every event before any view shows it,
/// takes requests from other processes (directions, pause, cancel, approvals), and returns the exit code.
/// </summary>
internal sealed class TaskSession(CliHost host, CoworkPaths paths, CoworkConfig config)
{
    /// <summary>The toolsets every task gets.</summary>
    private IReadOnlyList<IToolset> Toolsets() => [new FileToolset(), new DocumentToolset(), new DataToolset(), new SandboxToolset(config.RunCode)];

    /// <summary>How the task is shown and asked about.</summary>
    /// <param name="Json">One JSON event per line on standard output.</param>
    /// <param name="Yes">Approve the plan without asking.</param>
    /// <param name="DetachedChild">The background process of <c>--detach</c>: approvals come from <c>cowork attach</c>.</param>
    public sealed record Presentation(bool Json, bool Yes, bool DetachedChild);

    /// <summary>Starts the new task <paramref name="request"/> describes (its data folder names its id).</summary>
    public Task<int> StartAsync(TaskRequest request, ProviderSettings providers, AgentOptions options, Presentation presentation, CancellationToken cancellationToken) =>
        RunAsync(Path.GetFileName(request.DataDirectory), request.Model, request, providers, options, presentation,
            (runner, hub, request, _, control, token) => runner.RunAsync(request, hub, control, token), cancellationToken);

    /// <summary>Takes up task <paramref name="taskId"/> where it stopped.</summary>
    /// <exception cref="CoworkConfigurationException">The task is unknown, running elsewhere, or cannot be resumed.</exception>
    public Task<int> ResumeAsync(
        string taskId, ModelSpec model, ProviderSettings providers, AgentOptions options, Presentation presentation, CancellationToken cancellationToken) =>
        RunAsync(taskId, model, null, providers, options, presentation,
            (runner, hub, request, stored, control, token) => runner.ResumeAsync(request, hub, stored, control, token), cancellationToken);

    /// <summary>The request of a task as its data folder and the person's grants make it.</summary>
    public TaskRequest Request(string taskId, string text, IReadOnlyList<FolderGrant> folders, ModelSpec model) =>
        new(text, folders, model, paths.TaskDirectory(taskId)) { ProtectedPaths = [paths.Home, paths.ConfigFile] };

    private async Task<int> RunAsync(
        string taskId,
        ModelSpec model,
        TaskRequest? newRequest,
        ProviderSettings providers,
        AgentOptions options,
        Presentation presentation,
        Func<AgentRunner, TaskEventHub, TaskRequest, IReadOnlyList<TaskEvent>, TaskControl, CancellationToken, Task<CoworkTask>> start,
        CancellationToken cancellationToken)
    {
        // First, so that a missing key or an unknown model leaves no trace.
        using var provider = ModelClientFactory.Create(model, providers);
        var dataDirectory = paths.TaskDirectory(taskId);
        if (newRequest is null && !Directory.Exists(dataDirectory))
        {
            throw new CoworkConfigurationException($"There is no task '{taskId}': `cowork tasks` lists them, and 'last' is the newest.");
        }

        Directory.CreateDirectory(dataDirectory);
        using var running = TaskLock.TryAcquire(dataDirectory) ?? throw new CoworkConfigurationException(
            $"Task {taskId} is running in another process; follow it with `cowork attach {taskId}`.");
        using var store = TaskStore.Open(paths.Home);

        // The log is read only once the lock is held: no other run of this task can append to it now.
        IReadOnlyList<TaskEvent> stored = [];
        var request = newRequest;
        if (request is null)
        {
            stored = store.ReadEvents(taskId);
            var task = Resumable(taskId, stored);
            request = Request(taskId, task.Request, task.Folders, model);
            foreach (var folder in task.Folders.Where(f => !Directory.Exists(f.Path)))
            {
                throw new CoworkConfigurationException($"Task {taskId} works in {folder.Path}, which is gone; put the folder back to resume it.");
            }
        }

        var hub = new TaskEventHub(taskId, stored);
        using var log = store.CreateWriter(taskId);
        hub.Subscribe(log); // First: nothing is shown that was not stored.
        var control = new TaskControl();
        ITaskView view = presentation.Json || presentation.DetachedChild
            ? new JsonTaskView(host, presentation.Yes)
            : host.IsInteractiveTerminal
                ? new LiveTaskView(host, presentation.Yes, options.Prices, steering: control)
                : new PlainTaskView(host, presentation.Yes, options.Prices);
        hub.Subscribe(view);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var poller = ControlPoller.Start(store, taskId, control, cancel);
        IApprovalHandler approvals = presentation.DetachedChild && !presentation.Yes ? new AttachApprovals(poller) : view;
        var runner = new AgentRunner(provider, Toolsets(), approvals, options);
        var finished = await view.RunAsync(() => start(runner, hub, request, stored, control, cancel.Token));
        return ExitCodes.For(finished);
    }

    /// <summary>Refuses, with the reason, a task that cannot be taken up.</summary>
    private static CoworkTask Resumable(string taskId, IReadOnlyList<TaskEvent> stored)
    {
        if (stored.Count == 0)
        {
            throw new CoworkConfigurationException($"Task {taskId} has no stored events, so it cannot be resumed.");
        }

        var task = CoworkTask.Replay(taskId, stored);
        if (task.StopReason == StopReason.Finished)
        {
            throw new CoworkConfigurationException($"Task {taskId} is already done; there is nothing to resume. Start a new task with `cowork run`.");
        }

        if (task.StopReason == StopReason.PlanRejected)
        {
            throw new CoworkConfigurationException($"The plan of task {taskId} was declined, so nothing was started; run the request again with `cowork run`.");
        }

        return task;
    }
}
