namespace Cowork.Documents;

internal sealed record ChartSeries
{
    public string Name { get; init; } = "";

    public List<double> Values { get; init; } = [];
}
