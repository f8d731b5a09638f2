using System.CommandLine;
using Cowork.Files;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary><c>cowork changes &lt;task&gt;</c>: every change a task made, from its journal.</summary>
internal sealed class ChangesCommand : Command
{
    private readonly Argument<string> _task = new("task") { Description = "The task id `cowork run` printed, or 'last'." };
    private readonly CliHost _host;

    public ChangesCommand(CliHost host)
        : base("changes", "List every change a task made to your folders.")
    {
        _host = host;
        Add(_task);
        SetAction(Execute);
    }

    private int Execute(ParseResult parsed)
    {
        var (taskId, journalPath) = TaskLocator.FindJournal(_host, parsed.GetValue(_task));
        var console = _host.Console;
        if (journalPath is null)
        {
            console.MarkupLine("[grey]This task changed no files.[/]");
            return ExitCodes.Done;
        }

        var journal = ReadJournal(journalPath);
        var count = 0;
        foreach (var (id, index, change, happened) in journal.Changes())
        {
            var grant = journal.Header.Grants[change.Grant].Path;
            var state = journal.Undone.Contains((id, index)) ? "[grey]undone[/]"
                : happened switch { true => "[green]done[/]", false => "[red]failed[/]", null => "[yellow]interrupted[/]" };
            console.MarkupLine($"{state} {Markup.Escape(change.Describe())} [grey]in {Markup.Escape(grant)}[/]");
            count++;
        }

        console.MarkupLine($"[bold]{count}[/] changes. `cowork undo {Markup.Escape(taskId)}` reverses them.");
        return ExitCodes.Done;
    }

    private static JournalContents ReadJournal(string path)
    {
        try
        {
            return ChangeJournal.Read(path);
        }
        catch (InvalidDataException ex)
        {
            throw new CoworkConfigurationException(ex.Message);
        }
    }
}
