using System.CommandLine;

namespace Cowork.Cli.Commands;

/// <summary>
/// <c>cowork resume &lt;task&gt;</c> (also <c>cowork continue</c>): takes up an interrupted, paused or stopped task from its
/// event log, without repeating a finished tool call.
/// </summary>
internal sealed class ResumeCommand : Command
{
    private readonly Argument<string> _task = new("task") { Description = "The task id, or 'last'." };
    private readonly RunOptions _run = new();
    private readonly CliHost _host;

    public ResumeCommand(CliHost host, string name = "resume")
        : base(name, name == "resume"
            ? "Take up an interrupted, paused or stopped task where it left off (a larger --max-tokens or --max-cost lets a task that ran out go on)."
            : "Continue a paused task (the same as resume).")
    {
        _host = host;
        Add(_task);
        _run.AddTo(this);
        SetAction((parsed, cancellationToken) => ExecuteAsync(parsed, cancellationToken));
    }

    private async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var paths = CoworkPaths.Resolve(_host.Environment);
        var taskId = Path.GetFileName(TaskLocator.Find(paths, parsed.GetValue(_task) ?? ""));
        var config = CoworkConfig.Load(paths.ConfigFile);
        var model = ModelSpec.Parse(StoredModel(paths, taskId));
        var providerSettings = new ProviderSettings(_host.Environment, config.BaseUrls());
        _ = ModelClientFactory.StartWarmUp(model, providerSettings);
        var options = _run.AgentOptions(parsed, config, model, paths);
        if (parsed.GetValue(_run.Detach))
        {
            return await Detached.StartAsync(_host, paths, taskId, ["resume", taskId, .. _run.Forward(parsed)], cancellationToken);
        }

        var presentation = new TaskSession.Presentation(parsed.GetValue(_run.Json), parsed.GetValue(_run.Yes), parsed.GetValue(_run.DetachedChild));
        return await new TaskSession(_host, paths, config).ResumeAsync(taskId, model, providerSettings, options, presentation, cancellationToken);
    }

    private static string StoredModel(CoworkPaths paths, string taskId)
    {
        using var store = Storage.TaskStore.Open(paths.Home);
        return store.GetTask(taskId)?.Model is { Length: > 0 } model
            ? model
            : throw new CoworkConfigurationException($"Task {taskId} has no stored events, so it cannot be resumed.");
    }
}
