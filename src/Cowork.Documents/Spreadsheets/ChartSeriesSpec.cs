namespace Cowork.Documents;

internal sealed record ChartSeriesSpec
{
    public string? Name { get; init; }

    /// <summary>The numbers, e.g. "B2:B13".</summary>
    public string Values { get; init; } = "";
}
