using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Cowork.Cli.Interaction;

/// <summary>Progress as plain lines, for logs and pipes: no cursor movement, no colour.</summary>
internal sealed class PlainTaskView(CliHost host, bool approvePlan, PriceTable? prices = null) : ITaskView
{
    private readonly StringBuilder _text = new();
    private readonly TextWriter _out = host.Output;

    public void OnEvent(TaskEvent taskEvent)
    {
        switch (taskEvent)
        {
            case TaskCreated created:
                _out.WriteLine($"Task {created.TaskId} ({created.Model}): {created.Request}");
                foreach (var folder in created.Folders)
                {
                    _out.WriteLine($"  folder {folder}");
                }

                break;
            case AssistantText text:
                _text.Append(text.Text);
                break;
            case TaskResumed resumed:
                FlushText();
                _out.WriteLine($"Resumed task {resumed.TaskId} (it was {Render.StateName(resumed.From)}).");
                break;
            case SteeringReceived steering:
                FlushText();
                _out.WriteLine($"← you: {steering.Message}");
                break;
            case PlanUpdated plan when plan.AgentId == AgentInfo.MainId:
                FlushText();
                _out.WriteLine("Plan:");
                for (var i = 0; i < plan.Steps.Count; i++)
                {
                    _out.WriteLine($"  {Render.PlainMark(plan.Steps[i].Status)} {i + 1}. {plan.Steps[i].Title}");
                }

                break;
            case ToolCallRequested requested:
                FlushText();
                _out.WriteLine($"→ {requested.Tool} {Render.Shorten(requested.Arguments, 120)}");
                break;
            case ToolOutput output:
                _out.Write(output.Text);
                break;
            case ToolCallFinished finished:
                _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(finished.Succeeded ? "ok" : "failed")} ({finished.DurationMs} ms): {finished.Summary}"));
                break;
            case ToolCallDenied denied:
                _out.WriteLine($"  not run: {denied.Reason}");
                break;
            case Warning warning:
                FlushText();
                _out.WriteLine($"warning: {warning.Message}");
                break;
            case ContextCompacted compacted:
                FlushText();
                _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"context: {compacted.MessagesCompacted:N0} older messages summarized (about {compacted.TokensBefore:N0} → {compacted.TokensAfter:N0} tokens)"));
                break;
            case ApprovalRequested:
                FlushText();
                break;
            case TaskFinished:
                // The final answer is printed whole in the summary.
                _text.Clear();
                break;
        }

        _out.Flush();
    }

    public ValueTask<ApprovalDecision> DecideAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Kind == ApprovalKind.Plan && approvePlan)
        {
            _out.WriteLine("Plan approved (--yes).");
            return ValueTask.FromResult(ApprovalDecision.Yes);
        }

        if (!host.CanPrompt)
        {
            throw new ApprovalUnavailableException(Approvals.NobodyToAsk(request));
        }

        _out.Write($"{request.Subject} [y/N] ");
        _out.Flush();
        var answer = host.Input.ReadLine()?.Trim().ToLowerInvariant();
        return ValueTask.FromResult(answer is "y" or "yes" ? ApprovalDecision.Yes : ApprovalDecision.No("declined at the prompt"));
    }

    public async Task<CoworkTask> RunAsync(Func<Task<CoworkTask>> run)
    {
        var task = await run();
        // The same summary as the live view, written without colour or cursor control.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 4096; // Logs and pipes get whole lines, not lines wrapped at 80 columns.
        Render.Summary(console, task, prices);
        await _out.FlushAsync();
        return task;
    }

    private void FlushText()
    {
        if (_text.Length == 0)
        {
            return;
        }

        _out.WriteLine(_text.ToString().Trim());
        _text.Clear();
    }
}
