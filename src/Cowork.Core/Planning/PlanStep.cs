using System.ComponentModel;

namespace Cowork;

/// <summary>One line of the plan's checklist.</summary>
public sealed record PlanStep(
    [property: Description("What this step does, in a short imperative sentence.")] string Title,
    [property: Description("Where the step stands.")] StepStatus Status = StepStatus.Pending)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is StepStatus.Done or StepStatus.Failed or StepStatus.Skipped;
}
