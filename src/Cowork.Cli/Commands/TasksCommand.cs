using System.CommandLine;
using System.Globalization;
using Cowork.Cli.Interaction;
using Cowork.Storage;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary><c>cowork tasks</c>: the newest tasks, from the store.</summary>
internal sealed class TasksCommand : Command
{
    private readonly Option<int> _limit = new("--limit", "-n") { Description = "How many tasks to list (default 20).", DefaultValueFactory = _ => 20 };
    private readonly CliHost _host;

    public TasksCommand(CliHost host)
        : base("tasks", "List recent tasks: id, state, request, tokens.")
    {
        _host = host;
        Add(_limit);
        SetAction(Execute);
    }

    private int Execute(ParseResult parsed)
    {
        var paths = CoworkPaths.Resolve(_host.Environment);
        using var store = TaskStore.Open(paths.Home);
        var tasks = store.ListTasks(Math.Clamp(parsed.GetValue(_limit), 1, 1000));
        if (tasks.Count == 0)
        {
            _host.Console.MarkupLine("[grey]No tasks yet. Start one with[/] cowork run \"…\" --folder DIR");
            return ExitCodes.Done;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("Task", "State", "Request", "Model", "Tokens in/out", "Started");
        foreach (var task in tasks)
        {
            table.AddRow(
                Markup.Escape(task.Id),
                Render.StateMarkup(task.State, live: task.StopReason is not null || TaskLock.IsHeld(paths.TaskDirectory(task.Id))),
                Markup.Escape(Render.Shorten(task.Request, 60)),
                Markup.Escape(task.Model),
                string.Create(CultureInfo.InvariantCulture, $"{task.Usage.InputTokens:N0} / {task.Usage.OutputTokens:N0}"),
                task.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }

        _host.Console.Write(table);
        return ExitCodes.Done;
    }
}
