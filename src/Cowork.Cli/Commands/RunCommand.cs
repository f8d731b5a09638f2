using System.CommandLine;
using System.Globalization;
using Cowork.Cli.Interaction;
using Cowork.Data;
using Cowork.Documents;
using Cowork.Files;
using Cowork.Sandbox;
using Cowork.Storage;

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

    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Approve the plan without asking." };

    private readonly Option<bool> _json = new("--json") { Description = "Write one JSON event per line on standard output." };

    private readonly Option<int?> _maxTurns = new("--max-turns") { Description = "The most model turns the task may take (default 40)." };

    private readonly Option<long?> _maxTokens = new("--max-tokens") { Description = "Stop the task once it has used this many tokens (input + output)." };

    private readonly Option<decimal?> _maxCost = new("--max-cost") { Description = "Stop the task once its estimated cost reaches this many US dollars." };

    private readonly CliHost _host;

    public RunCommand(CliHost host)
        : base("run", "Run a task: Cowork plans, you approve, it does the work in the granted folders.")
    {
        _host = host;
        Add(_request);
        Add(_folders);
        Add(_model);
        Add(_yes);
        Add(_json);
        Add(_maxTurns);
        Add(_maxTokens);
        Add(_maxCost);
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
        var maxTurns = parsed.GetValue(_maxTurns) ?? config.MaxTurns ?? 40;
        if (maxTurns < 2)
        {
            throw new CoworkConfigurationException($"--max-turns {maxTurns} is too few: a task needs at least 2 turns (one to plan, one to act).");
        }

        var budget = new TaskBudget(parsed.GetValue(_maxTokens) ?? config.MaxTokensPerTask, parsed.GetValue(_maxCost) ?? config.MaxCostPerTask);
        if (budget.MaxTokens is <= 0 || budget.MaxCost is <= 0)
        {
            throw new CoworkConfigurationException("--max-tokens and --max-cost must be more than zero.");
        }

        var prices = new PriceTable(config.Prices);
        if (budget.MaxCost is not null && prices.For(model) is null)
        {
            throw new CoworkConfigurationException($"--max-cost needs the price of {model}: add it under \"prices\" in {paths.ConfigFile}, or use --max-tokens.");
        }

        var options = new AgentOptions
        {
            MaxTurns = maxTurns,
            Permissions = new PermissionPolicy(config.Permissions),
            Budget = budget,
            Prices = prices,
        };
        using var provider = ModelClientFactory.Create(model, providerSettings);

        var taskId = NewTaskId();
        var dataDirectory = paths.TaskDirectory(taskId);
        Directory.CreateDirectory(dataDirectory);
        var hub = new TaskEventHub(taskId);
        using var running = TaskLock.TryAcquire(dataDirectory) ?? throw new CoworkConfigurationException($"Task {taskId} is already running in another process.");
        using var store = TaskStore.Open(paths.Home);
        using var log = store.CreateWriter(taskId);
        hub.Subscribe(log); // First: nothing is shown that was not stored.
        ITaskView view = parsed.GetValue(_json)
            ? new JsonTaskView(_host, parsed.GetValue(_yes))
            : _host.IsInteractiveTerminal
                ? new LiveTaskView(_host, parsed.GetValue(_yes), prices)
                : new PlainTaskView(_host, parsed.GetValue(_yes), prices);
        hub.Subscribe(view);

        var runner = new AgentRunner(provider, [new FileToolset(), new DocumentToolset(), new DataToolset(), new SandboxToolset(config.RunCode)], view, options);
        var task = await view.RunAsync(() => runner.RunAsync(
            new TaskRequest(request, folders, model, dataDirectory) { ProtectedPaths = [paths.Home, paths.ConfigFile] }, hub, cancellationToken));
        return ExitCodes.For(task);
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
