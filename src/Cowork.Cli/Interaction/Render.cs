using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cowork.Cli.Interaction;

/// <summary>The pieces of the terminal views, shared by the live and plain views and the summary.</summary>
internal static class Render
{
    public static string Mark(StepStatus status) => status switch
    {
        StepStatus.Done => "[green]✔[/]",
        StepStatus.InProgress => "[yellow]◐[/]",
        StepStatus.Failed => "[red]✖[/]",
        StepStatus.Skipped => "[grey]⊘[/]",
        _ => "[grey]○[/]",
    };

    public static string PlainMark(StepStatus status) => status switch
    {
        StepStatus.Done => "[x]",
        StepStatus.InProgress => "[>]",
        StepStatus.Failed => "[!]",
        StepStatus.Skipped => "[-]",
        _ => "[ ]",
    };

    /// <param name="live">Whether the run ended or a process is still working on it; otherwise it was interrupted.</param>
    public static string StateMarkup(TaskState state, bool live = true) => state switch
    {
        TaskState.Planning or TaskState.Running or TaskState.AwaitingApproval or TaskState.Paused when !live => "[red]interrupted[/]",
        TaskState.Completed => "[green]completed[/]",
        TaskState.Failed => "[red]failed[/]",
        TaskState.Cancelled => "[yellow]cancelled[/]",
        TaskState.AwaitingApproval => "[yellow]awaiting approval[/]",
        TaskState.Paused => "[yellow]paused[/]",
        TaskState.Running => "[blue]running[/]",
        _ => "[blue]planning[/]",
    };

    /// <summary>The state as a plain word: "awaiting approval", "paused".</summary>
    public static string StateName(TaskState state) => Markup.Remove(StateMarkup(state));

    public static IRenderable Plan(IReadOnlyList<PlanStep> steps)
    {
        var rows = new Rows(steps.Count == 0
            ? [new Markup("[grey]Planning…[/]")]
            : steps.Select((s, i) => new Markup($"{Mark(s.Status)} {i + 1}. {Markup.Escape(s.Title)}")));
        return new Panel(rows).Header("Plan").Border(BoxBorder.Rounded).Expand();
    }

    /// <param name="final">The last frame before a summary or a prompt, which show the model's words: only the plan.</param>
    /// <param name="steerable">The person can type directions into the view.</param>
    public static IRenderable Live(TaskProgress.Snapshot snapshot, bool final = false, bool steerable = false)
    {
        var items = new List<IRenderable> { Plan(snapshot.Plan) };
        if (snapshot.Tool is { } tool)
        {
            items.Add(new Markup($"[yellow]⚙[/] {Markup.Escape(tool.Tool)} [grey]{Markup.Escape(Shorten(tool.Arguments, 80))} {Seconds(tool.Elapsed)}[/]"));
            if (!final && snapshot.ToolOutput.Length > 0)
            {
                items.Add(new Panel(new Text(LastLines(snapshot.ToolOutput, 5), new Style(Color.Grey))).Header("output").Border(BoxBorder.Square));
            }
        }

        if (final)
        {
            return items[0];
        }

        if (snapshot.TextTail.Length > 0)
        {
            items.Add(new Text(LastLines(snapshot.TextTail, 6), new Style(Color.Grey)));
        }

        if (snapshot.LastWarning is { } warning)
        {
            items.Add(new Markup($"[yellow]warning:[/] {Markup.Escape(Shorten(warning, 160))}"));
        }

        if (snapshot.Context is { } context)
        {
            items.Add(new Markup($"[grey]context: {Markup.Escape(context)}[/]"));
        }

        if (snapshot.LastDirection is { } direction)
        {
            items.Add(new Markup($"[blue]you:[/] {Markup.Escape(Shorten(direction, 160))}"));
        }

        items.Add(new Markup($"[grey]{Clock(snapshot.Elapsed)} · turn {snapshot.Turn} · tokens {snapshot.InputTokens:N0} in / {snapshot.OutputTokens:N0} out · Ctrl-C cancels[/]"));
        if (steerable)
        {
            items.Add(snapshot.Typed.Length == 0
                ? new Markup("[grey]› type a direction for the agent and press Enter[/]")
                : new Markup($"[blue]›[/] {Markup.Escape(snapshot.Typed)}[blink]▏[/]"));
        }

        return new Rows(items);
    }

    /// <summary>The end of a task: its answer, deliverables, changes, tokens and time.</summary>
    /// <param name="prices">For a cost estimate; none is shown without it or when the model's price is unknown.</param>
    public static void Summary(IAnsiConsole console, CoworkTask task, PriceTable? prices = null)
    {
        var elapsed = task.FinishedAt - task.CreatedAt ?? TimeSpan.Zero;
        var (mark, word) = task.State switch
        {
            TaskState.Completed => ("[green]✔[/]", "Completed"),
            TaskState.Cancelled => ("[yellow]■[/]", "Cancelled"),
            TaskState.AwaitingApproval => ("[yellow]?[/]", "Waiting for approval"),
            _ => ("[red]✖[/]", "Failed"),
        };
        console.WriteLine();
        if (!string.IsNullOrWhiteSpace(task.FinalMessage))
        {
            console.WriteLine(task.FinalMessage.Trim());
            console.WriteLine();
        }

        console.MarkupLine($"{mark} [bold]{word}[/] in {Seconds(elapsed)} · task {Markup.Escape(task.Id)}");
        foreach (var deliverable in task.Deliverables)
        {
            console.MarkupLine($"  [bold]→[/] {Markup.Escape(deliverable.Path)} [grey]{Markup.Escape(deliverable.Description)}[/]");
        }

        console.MarkupLine($"  {ChangesLine(task)}");
        if (task.Changes.Count > 0)
        {
            console.MarkupLine($"  [grey]Review with[/] cowork changes {Markup.Escape(task.Id)} [grey]· undo with[/] cowork undo {Markup.Escape(task.Id)}");
        }

        var usage = task.Usage;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"  [grey]{task.ModelCalls} model turn{(task.ModelCalls == 1 ? "" : "s")} · {usage.InputTokens:N0} tokens in / {usage.OutputTokens:N0} out{Cost(prices, task.Model, usage)} ({Markup.Escape(task.Model)})[/]"));
    }

    /// <summary>" · ≈ $0.0123" when the model's price is known and the cost is not zero; else empty.</summary>
    public static string Cost(PriceTable? prices, string model, UsageTotals usage)
    {
        if (prices is null)
        {
            return "";
        }

        var cost = prices.CostOf(model, usage);
        return cost > 0 ? string.Create(CultureInfo.InvariantCulture, $" · ≈ ${cost:0.####}") : "";
    }

    public static string ChangesLine(CoworkTask task)
    {
        var changes = task.Changes;
        if (changes.Count == 0)
        {
            return "[grey]No files changed.[/]";
        }

        var parts = changes.GroupBy(c => c.Change).OrderBy(g => g.Key)
            .Select(g => $"{g.Count():N0} {Word(g.Key)}");
        return $"Files changed: {string.Join(", ", parts)}.";

        static string Word(FileChangeKind kind) => kind switch
        {
            FileChangeKind.FolderCreated => "folders created",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }

    public static string Seconds(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");

    public static string Clock(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}");

    public static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > max ? line[..max] + "…" : line;
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - count)));
    }
}
