namespace Cowork.Data;

/// <summary>
/// What to draw: the kind, the words (title, axis labels with their units) and the data. Rendered by
/// <see cref="ChartRenderer"/> at report size (default 1200 × 700 px, 16–26 px text).
/// </summary>
/// <param name="Categories">Names under bars, pie slices and boxes (one per value, or per box series); or under line points.</param>
/// <param name="Bins">Histogram bins (default: Sturges' rule, 5–60).</param>
public sealed record ChartSpec(
    ChartKind Kind,
    string Title,
    IReadOnlyList<ChartSeries> Series,
    string? XLabel = null,
    string? YLabel = null,
    IReadOnlyList<string>? Categories = null,
    bool DateX = false,
    int? Bins = null,
    int Width = 1200,
    int Height = 700);
