namespace Cowork;

/// <summary>The visible checklist of a task, as last written by the model.</summary>
public sealed record Plan(IReadOnlyList<PlanStep> Steps)
{
    public static Plan Empty { get; } = new([]);

    public bool IsEmpty => Steps.Count == 0;

    public bool IsComplete => Steps.Count > 0 && Steps.All(s => s.IsFinished);

    public int CountDone => Steps.Count(s => s.IsFinished);
}
