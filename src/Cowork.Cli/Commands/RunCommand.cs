using System.CommandLine;
using System.Globalization;
using Cowork.Files;

namespace Cowork.Cli.Commands;

/// <summary><c>cowork run "request" --folder DIR[:ro] …</c>: plan, approve, do, summarize.</summary>
internal sealed class RunCommand : Command
{
    private readonly Argument<string> _request = new("request") { Description = "What you want done, in your own words." };

    private readonly Option<string[]> _folders = new("--folder", "-f")
    {
        Description = "A folder Cowork may work in; add :ro for read-only. Repeat for more folders.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _model = new("--model", "-m")
    {
        Description = "provider:name, e.g. anthropic:claude-sonnet-4-5, openai:gpt-4.1, ollama:llama3.1, or offline (the default).",
    };

    /// <summary>The task id a <c>--detach</c> parent chose for its background process.</summary>
    private readonly Option<string?> _taskId = new("--task-id") { Hidden = true };

    private readonly RunOptions _run = new();

    private readonly CliHost _host;

    public RunCommand(CliHost host)
        : base("run", "Run a task: Cowork plans, you approve, it does the work in the granted folders.")
    {
        _host = host;
        Add(_request);
        Add(_folders);
        Add(_model);
        Add(_taskId);
        _run.AddTo(this);
        SetAction((parsed, cancellationToken) => ExecuteAsync(parsed, cancellationToken));
    }

    private async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var request = parsed.GetValue(_request) ?? "";
        var paths = CoworkPaths.Resolve(_host.Environment);
        var config = CoworkConfig.Load(paths.ConfigFile);
        var model = ModelSpec.Parse(parsed.GetValue(_model) ?? NonEmpty(_host.Environment("COWORK_MODEL")) ?? config.Model ?? "offline");
        var providerSettings = new ProviderSettings(_host.Environment, config.BaseUrls());
        // On the other core while the task is set up: one-time costs of the provider SDK (no network call) and of
        // the event JSON, which would otherwise sit between process start and the first model request.
        _ = ModelClientFactory.StartWarmUp(model, providerSettings);
        _ = Task.Run(EventJson.WarmUp, CancellationToken.None);
        var folders = ParseFolders(parsed.GetValue(_folders) ?? []);
        ValidateRequest(request);
        var options = _run.AgentOptions(parsed, config, model, paths);
        var session = new TaskSession(_host, paths, config);
        var taskId = parsed.GetValue(_taskId) ?? NewTaskId();
        if (Directory.Exists(paths.TaskDirectory(taskId)) && parsed.GetValue(_taskId) is not null && !parsed.GetValue(_run.DetachedChild))
        {
            throw new CoworkConfigurationException($"There is already a task {taskId}.");
        }
        if (parsed.GetValue(_run.Detach))
        {
            string[] args = ["run", request, .. folders.SelectMany(f => new[] { "--folder", f.Access == FolderAccess.ReadOnly ? f.Path + ":ro" : f.Path }), "--model", model.ToString(), "--task-id", taskId, .. _run.Forward(parsed)];
            return await Detached.StartAsync(_host, paths, taskId, args, cancellationToken);
        }

        var presentation = new TaskSession.Presentation(parsed.GetValue(_run.Json), parsed.GetValue(_run.Yes), parsed.GetValue(_run.DetachedChild));
        return await session.StartAsync(session.Request(taskId, request, folders, model), providerSettings, options, presentation, cancellationToken);
    }

    private IReadOnlyList<FolderGrant> ParseFolders(string[] specs)
    {
        var grants = new List<FolderGrant>();
        foreach (var spec in specs)
        {
            var grant = FolderGrant.Parse(spec, _host.CurrentDirectory);
            if (File.Exists(grant.Path))
            {
                throw new CoworkConfigurationException($"{grant.Path} is a file, not a folder: --folder takes a folder (grant the folder that holds it).");
            }

            if (!Directory.Exists(grant.Path))
            {
                throw new CoworkConfigurationException($"Folder not found: {grant.Path}. Pass an existing folder with --folder.");
            }

            if (grants.Any(g => Workspace.IsBeneath(grant.Path, g.Path) || Workspace.IsBeneath(g.Path, grant.Path)))
            {
                throw new CoworkConfigurationException($"{grant.Path} overlaps another --folder; grant each folder once.");
            }

            grants.Add(grant);
        }

        return grants;
    }

    private static void ValidateRequest(string request)
    {
        if (string.IsNullOrWhiteSpace(request))
        {
            throw new CoworkConfigurationException("The request is empty: say what you want done, e.g. cowork run \"Organize this folder by type\" --folder ~/Downloads.");
        }

        if (request.Length > TaskRequest.MaxRequestLength)
        {
            throw new CoworkConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"The request is {request.Length:N0} characters; the limit is {TaskRequest.MaxRequestLength:N0}. Put long material in a file in a granted folder and refer to it."));
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string NewTaskId() =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}");
}
