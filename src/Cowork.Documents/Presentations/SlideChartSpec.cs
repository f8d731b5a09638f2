namespace Cowork.Documents;

/// <summary>A native chart: "column" (default), "bar", "line" or "pie", with categories and one or more series.</summary>
internal sealed record SlideChartSpec
{
    public string Type { get; init; } = "column";

    public string? Title { get; init; }

    public List<string> Categories { get; init; } = [];

    public List<ChartSeries> Series { get; init; } = [];

    /// <summary>An Excel number format for the values, e.g. "#,##0" or "0%".</summary>
    public string? NumberFormat { get; init; }
}
