namespace Cowork.Documents;

/// <summary>A native chart: bar, column, line, pie or scatter, over ranges of the workbook.</summary>
internal sealed record ChartSpec
{
    public string Type { get; init; } = "column";

    public string? Title { get; init; }

    /// <summary>Category labels (or x values for scatter), e.g. "A2:A13" or "Data!A2:A13".</summary>
    public string? Categories { get; init; }

    public List<ChartSeriesSpec> Series { get; init; } = [];

    /// <summary>The top-left cell of the chart; to the right of the data by default.</summary>
    public string? Anchor { get; init; }

    /// <summary>Size in columns and rows.</summary>
    public int Width { get; init; } = 8;

    public int Height { get; init; } = 16;

    public string? XTitle { get; init; }

    public string? YTitle { get; init; }
}
