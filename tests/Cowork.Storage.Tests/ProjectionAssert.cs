namespace Cowork.Storage.Tests;

/// <summary>Compares two <see cref="CoworkTask"/> projections field by field.</summary>
internal static class ProjectionAssert
{
    public static void Equal(CoworkTask expected, CoworkTask actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Request, actual.Request);
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.Folders, actual.Folders);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Plan.Steps, actual.Plan.Steps);
        Assert.Equal(expected.PlanApproved, actual.PlanApproved);
        Assert.Equal(expected.Deliverables, actual.Deliverables);
        Assert.Equal(expected.Agents, actual.Agents);
        Assert.Equal(expected.Changes.Count, actual.Changes.Count);
        Assert.Equal(expected.Changes.Select(EventJson.Serialize), actual.Changes.Select(EventJson.Serialize));
        Assert.Equal(expected.Usage, actual.Usage);
        Assert.Equal(expected.ModelCalls, actual.ModelCalls);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.FinishedAt, actual.FinishedAt);
        Assert.Equal(expected.StopReason, actual.StopReason);
        Assert.Equal(expected.FinalMessage, actual.FinalMessage);
    }
}
