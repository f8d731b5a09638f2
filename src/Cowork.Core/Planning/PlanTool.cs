using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>The tool through which the model writes the plan and keeps it current.</summary>
public sealed class PlanTool
{
    internal const int MaxSteps = 40;
    private readonly EventPublisher _events;
    private IReadOnlyList<PlanStep> _current = [];

    private PlanTool(EventPublisher events) => _events = events;

    public static ToolDescriptor Create(EventPublisher events)
    {
        var tool = new PlanTool(events);
        var function = AIFunctionFactory.Create(tool.UpdatePlan, new AIFunctionFactoryOptions
        {
            Name = ToolNames.UpdatePlan,
            Description =
                "Write or revise the plan, every step each time: first to propose it, then whenever a step starts or ends.",
        });
        return new ToolDescriptor(function, ToolEffects.None);
    }

    private string UpdatePlan(
        [Description("All steps of the plan, in order.")] PlanStep[] steps,
        [Description("Optional: why the plan changed.")] string? explanation = null)
    {
        if (steps is null || steps.Length == 0)
        {
            throw new ToolException("The plan needs at least one step.");
        }

        if (steps.Length > MaxSteps)
        {
            throw new ToolException($"The plan has {steps.Length} steps; keep it to {MaxSteps} or fewer by grouping work.");
        }

        if (steps.Any(s => string.IsNullOrWhiteSpace(s.Title)))
        {
            throw new ToolException("Every step needs a title.");
        }

        var previous = _current;
        _current = steps.Select(s => s with { Title = s.Title.Trim() }).ToArray();
        _events.Publish(new PlanUpdated(_current, explanation));
        for (var i = 0; i < _current.Count; i++)
        {
            var step = _current[i];
            var before = i < previous.Count && previous[i].Title == step.Title ? previous[i].Status : StepStatus.Pending;
            if (step.Status == before)
            {
                continue;
            }

            if (step.Status == StepStatus.InProgress)
            {
                _events.Publish(new StepStarted(i, step.Title));
            }
            else if (step.IsFinished)
            {
                _events.Publish(new StepFinished(i, step.Title, step.Status));
            }
        }

        var done = _current.Count(s => s.IsFinished);
        return $"Plan saved: {done} of {_current.Count} steps finished.";
    }
}
