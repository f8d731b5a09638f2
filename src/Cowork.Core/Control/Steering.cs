namespace Cowork;

/// <summary>A direction from the person to a running task: a message for the model, or an edit of the plan.</summary>
/// <param name="Message">What the person said; for a plan edit, an optional note.</param>
/// <param name="SkipStep">Mark this plan step (1-based) as skipped.</param>
/// <param name="AddStep">Add a step with this title to the end of the plan.</param>
public sealed record Steering(string? Message, int? SkipStep = null, string? AddStep = null)
{
    public bool EditsPlan => SkipStep is not null || AddStep is not null;
}
