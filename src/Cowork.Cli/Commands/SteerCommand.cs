using System.CommandLine;
using System.Text.Json;
using Cowork.Storage;
using Spectre.Console;

namespace Cowork.Cli.Commands;

/// <summary>
/// <c>cowork steer &lt;task&gt; "message" [--skip N] [--add "step"]</c>: new direction for a running task, from any terminal.
/// It reaches the model at the next turn boundary and is recorded in the task's log; a paused task gets it when it continues.
/// </summary>
internal sealed class SteerCommand : Command
{
    private readonly Argument<string> _task = new("task") { Description = "The task id, or 'last'." };
    private readonly Argument<string?> _message = new("message") { Description = "What you want the agent to know or do differently.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<int?> _skip = new("--skip") { Description = "Skip plan step N (numbered as `cowork show` lists them)." };
    private readonly Option<string?> _add = new("--add") { Description = "Add a step to the end of the plan." };
    private readonly CliHost _host;

    public SteerCommand(CliHost host)
        : base("steer", "Give a running task new direction, or edit its plan; it takes effect at the model's next turn.")
    {
        _host = host;
        Add(_task);
        Add(_message);
        Add(_skip);
        Add(_add);
        SetAction(parsed => Execute(parsed));
    }

    private int Execute(ParseResult parsed)
    {
        var message = parsed.GetValue(_message);
        var steering = new Steering(string.IsNullOrWhiteSpace(message) ? null : message.Trim(), parsed.GetValue(_skip), NonEmpty(parsed.GetValue(_add)));
        if (steering.Message is null && !steering.EditsPlan)
        {
            throw new CoworkConfigurationException("Say what you want: cowork steer <task> \"message\", or edit the plan with --skip N or --add \"step\".");
        }

        if (steering.Message is { Length: > TaskRequest.MaxRequestLength })
        {
            throw new CoworkConfigurationException($"The message is longer than {TaskRequest.MaxRequestLength:N0} characters; put long material in a file in a granted folder and refer to it.");
        }

        var paths = CoworkPaths.Resolve(_host.Environment);
        using var store = TaskStore.Open(paths.Home);
        var (task, running) = TaskControls.Load(paths, store, parsed.GetValue(_task) ?? "");
        if (TaskControls.HasEnded(task) && !running)
        {
            throw new CoworkConfigurationException(TaskControls.Ended(task));
        }

        if (steering.SkipStep is { } step && (step < 1 || step > task.Plan.Steps.Count))
        {
            throw new CoworkConfigurationException(task.Plan.IsEmpty
                ? $"Task {task.Id} has no plan yet, so there is no step {step} to skip."
                : $"Task {task.Id}'s plan has steps 1 to {task.Plan.Steps.Count}; there is no step {step}.");
        }

        store.SendControl(task.Id, ControlKind.Steer, JsonSerializer.Serialize(steering, EventJson.Options));
        _host.Console.WriteLine(running
            ? "Sent: it reaches the model at its next turn."
            : $"Kept for the task: it reaches the model when the task continues (`cowork continue {task.Id}`).");
        return ExitCodes.Done;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
