using Spectre.Console;

namespace Cowork.Cli.Interaction;

/// <summary>
/// The terminal view: a live checklist with the current tool call, the model's latest words, elapsed time and
/// tokens; approvals pause the live display for a prompt; a summary at the end.
/// </summary>
/// <remarks>
/// With <paramref name="steering"/>, what the person types while the approved plan runs goes to a line at the bottom of
/// the view and Enter sends it to the task as a direction (it reaches the model at its next turn); Escape clears the
/// line. Keys are read only between frames, never while a prompt is shown or before the plan is approved.
/// </remarks>
internal sealed class LiveTaskView(CliHost host, bool approvePlan, PriceTable? prices = null, TimeProvider? timeProvider = null, TaskControl? steering = null)
    : ITaskView
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);
    private readonly TaskProgress _progress = new(timeProvider ?? TimeProvider.System);
    private readonly Lock _gate = new();
    private PendingApproval? _pending;

    public void OnEvent(TaskEvent taskEvent) => _progress.Apply(taskEvent);

    public ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Kind == ApprovalKind.Plan && approvePlan)
        {
            return ValueTask.FromResult(ApprovalDecision.Yes);
        }

        if (!host.CanPrompt)
        {
            throw new ApprovalUnavailableException(Approvals.NobodyToAsk(request));
        }

        var pending = new PendingApproval(request);
        lock (_gate)
        {
            _pending = pending;
        }

        cancellationToken.Register(() => pending.Answer.TrySetCanceled(cancellationToken));
        return new ValueTask<ApprovalDecision>(pending.Answer.Task);
    }

    public async Task<CoworkTask> RunAsync(Func<Task<CoworkTask>> run)
    {
        var console = host.Console;
        var task = Task.Run(run);
        while (true)
        {
            await console.Live(Render.Live(_progress.Read())).AutoClear(false).StartAsync(async context =>
            {
                while (!task.IsCompleted && TakePending(peek: true) is null)
                {
                    ReadKeys(console);
                    context.UpdateTarget(Render.Live(_progress.Read(), steerable: steering is not null && _progress.Running));
                    await Task.WhenAny(task, Task.Delay(Frame));
                }

                // The summary, or the approval prompt, shows the model's words in full next: leave them out of the last frame.
                context.UpdateTarget(Render.Live(_progress.Read(), final: true));
            });

            if (TakePending(peek: false) is { } pending)
            {
                pending.Answer.TrySetResult(Ask(console, pending.Request));
                continue;
            }

            break;
        }

        var finished = await task;
        Render.Summary(console, finished, prices);
        return finished;
    }

    private void ReadKeys(IAnsiConsole console)
    {
        // Only while the approved plan runs: before it, what the person types is the answer to the approval prompt.
        if (steering is null || !_progress.Running)
        {
            return;
        }

        while (console.Input.IsKeyAvailable() && console.Input.ReadKey(intercept: true) is { } key)
        {
            var typed = _progress.Typed;
            switch (key.Key)
            {
                case ConsoleKey.Enter when typed.Trim().Length > 0:
                    steering.Steer(new Steering(typed.Trim()));
                    _progress.Typed = "";
                    break;
                case ConsoleKey.Escape:
                    _progress.Typed = "";
                    break;
                case ConsoleKey.Backspace when typed.Length > 0:
                    _progress.Typed = typed[..^1];
                    break;
                default:
                    if (!char.IsControl(key.KeyChar) && typed.Length < TaskRequest.MaxRequestLength)
                    {
                        _progress.Typed = typed + key.KeyChar;
                    }

                    break;
            }
        }
    }

    private PendingApproval? TakePending(bool peek)
    {
        lock (_gate)
        {
            var pending = _pending;
            if (!peek)
            {
                _pending = null;
            }

            return pending;
        }
    }

    private static ApprovalDecision Ask(IAnsiConsole console, ApprovalRequest request)
    {
        if (request.Kind == ApprovalKind.Plan && !string.IsNullOrWhiteSpace(request.Detail))
        {
            var answer = request.Detail.Split("\n\n", 2) is [_, var rest] ? rest : "";
            if (answer.Length > 0)
            {
                console.WriteLine(answer.Trim());
            }
        }
        else if (request.Detail is { Length: > 0 } detail)
        {
            console.MarkupLine($"[grey]{Markup.Escape(Render.Shorten(detail, 400))}[/]");
        }

        var yes = console.Prompt(new ConfirmationPrompt(Markup.Escape(request.Subject)) { DefaultValue = request.Kind == ApprovalKind.Plan });
        return yes ? ApprovalDecision.Yes : ApprovalDecision.No("declined at the prompt");
    }
}
