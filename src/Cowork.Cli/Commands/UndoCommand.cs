using System.CommandLine;
using Cowork.Files;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary><c>cowork undo &lt;task&gt; [--dry-run]</c>: puts the granted folders back as they were before the task.</summary>
internal sealed class UndoCommand : Command
{
    private readonly Argument<string> _task = new("task") { Description = "The task id `cowork run` printed, or 'last'." };
    private readonly Option<bool> _dryRun = new("--dry-run", "-n") { Description = "Only list what undo would do." };
    private readonly CliHost _host;

    public UndoCommand(CliHost host)
        : base("undo", "Undo every change a task made: names, contents and modification times; your own later edits are kept.")
    {
        _host = host;
        Add(_task);
        Add(_dryRun);
        SetAction((parsed, cancellationToken) => Task.FromResult(Execute(parsed, cancellationToken)));
    }

    private int Execute(ParseResult parsed, CancellationToken cancellationToken)
    {
        var (_, journalPath) = TaskLocator.FindJournal(_host, parsed.GetValue(_task));
        var console = _host.Console;
        if (journalPath is null)
        {
            console.MarkupLine("[grey]This task changed no files: nothing to undo.[/]");
            return ExitCodes.Done;
        }

        var dryRun = parsed.GetValue(_dryRun);
        IReadOnlyList<UndoStep> steps;
        try
        {
            steps = ChangeUndo.Run(journalPath, dryRun, step => Show(console, step), cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new CoworkConfigurationException(ex.Message);
        }

        var reversed = steps.Count(s => s.Outcome is UndoOutcome.Reversed or UndoOutcome.WouldReverse);
        var conflicts = steps.Count(s => s.Outcome == UndoOutcome.Conflict);
        var failed = steps.Count(s => s.Outcome == UndoOutcome.Failed);
        console.MarkupLine(dryRun
            ? $"[bold]Would reverse {reversed} changes[/]; {conflicts} kept because they changed since. Nothing was changed."
            : $"[bold]Reversed {reversed} changes[/]; {conflicts} kept because they changed since; {failed} failed.");
        return failed > 0 ? ExitCodes.TaskFailed : ExitCodes.Done;
    }

    private static void Show(IAnsiConsole console, UndoStep step)
    {
        var mark = step.Outcome switch
        {
            UndoOutcome.Reversed => "[green]undone[/]",
            UndoOutcome.WouldReverse => "[blue]would undo[/]",
            UndoOutcome.Conflict => "[yellow]kept[/]",
            UndoOutcome.Failed => "[red]failed[/]",
            _ => null,
        };
        if (mark is not null)
        {
            console.MarkupLine($"{mark} {Markup.Escape(step.What.Describe())}: {Markup.Escape(step.Detail)}");
        }
    }
}
