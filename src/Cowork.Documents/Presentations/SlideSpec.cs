namespace Cowork.Documents;

/// <summary>
/// One slide. <see cref="Layout"/> says which fields apply: title (title, subtitle), section (title, subtitle),
/// bullets (title, bullets), two_column (title, left_heading, left, right_heading, right), chart (title, chart),
/// image (title, image, alt, caption), table (title, columns, rows), quote (quote, attribution). Every slide may have notes.
/// </summary>
internal sealed record SlideSpec
{
    public string Layout { get; init; } = "bullets";

    public string? Title { get; init; }

    public string? Subtitle { get; init; }

    public List<ListItem>? Bullets { get; init; }

    public string? LeftHeading { get; init; }

    public List<ListItem>? Left { get; init; }

    public string? RightHeading { get; init; }

    public List<ListItem>? Right { get; init; }

    public SlideChartSpec? Chart { get; init; }

    public string? Image { get; init; }

    public string? Alt { get; init; }

    public string? Caption { get; init; }

    public List<string>? Columns { get; init; }

    public List<List<string>>? Rows { get; init; }

    public string? Quote { get; init; }

    public string? Attribution { get; init; }

    /// <summary>Speaker notes.</summary>
    public string? Notes { get; init; }
}
