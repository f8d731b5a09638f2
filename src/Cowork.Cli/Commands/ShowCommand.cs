using System.CommandLine;
using System.Globalization;
using Cowork.Cli.Interaction;
using Cowork.Storage;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary><c>cowork show &lt;task&gt;</c>: a task rebuilt from its event log: request, plan, deliverables, changes, usage, answer.</summary>
internal sealed class ShowCommand : Command
{
    private readonly Argument<string> _task = new("task") { Description = "The task id, or 'last'." };
    private readonly Option<bool> _events = new("--events") { Description = "Also list every event." };
    private readonly CliHost _host;

    public ShowCommand(CliHost host)
        : base("show", "Show a task: its plan, progress, deliverables, changes, tokens and answer.")
    {
        _host = host;
        Add(_task);
        Add(_events);
        SetAction(Execute);
    }

    private int Execute(ParseResult parsed)
    {
        var paths = CoworkPaths.Resolve(_host.Environment);
        var id = Path.GetFileName(TaskLocator.Find(paths, parsed.GetValue(_task) ?? ""));
        using var store = TaskStore.Open(paths.Home);

        var task = store.LoadTask(id) ?? throw new CoworkConfigurationException($"There is no task '{id}': `cowork tasks` lists them.");
        var console = _host.Console;
        console.MarkupLine($"[bold]{Markup.Escape(task.Id)}[/] {Render.StateMarkup(task.State, live: task.StopReason is not null || TaskLock.IsHeld(paths.TaskDirectory(id)))}{(task.StopReason is { } reason and not StopReason.Finished ? $" [grey]({reason})[/]" : "")}");
        console.MarkupLine($"  [grey]request[/] {Markup.Escape(task.Request)}");
        console.MarkupLine($"  [grey]model[/]   {Markup.Escape(task.Model)}");
        foreach (var folder in task.Folders)
        {
            console.MarkupLine($"  [grey]folder[/]  {Markup.Escape(folder.ToString())}");
        }

        if (task.Resumes > 0)
        {
            console.MarkupLine($"  [grey]resumed[/] {task.Resumes} time{(task.Resumes == 1 ? "" : "s")}");
        }

        foreach (var direction in task.Directions)
        {
            console.MarkupLine($"  [grey]you said[/] {Markup.Escape(direction)}");
        }

        if (!task.Plan.IsEmpty)
        {
            console.Write(Render.Plan(task.Plan.Steps));
        }

        Render.Summary(console, task, new PriceTable(CoworkConfig.Load(paths.ConfigFile).Prices));
        if (parsed.GetValue(_events))
        {
            console.WriteLine();
            foreach (var taskEvent in store.ReadEvents(id))
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"[grey]{taskEvent.Sequence,5} {taskEvent.Timestamp.ToLocalTime():HH:mm:ss.fff}[/] {Markup.Escape(Render.Shorten(EventJson.Serialize(taskEvent), 160))}"));
            }
        }

        return ExitCodes.Done;
    }
}
