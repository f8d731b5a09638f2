namespace Cowork.Documents;

/// <summary>
/// One block of a report. <see cref="Type"/> says which fields apply: heading (text, level 1-3), paragraph (text with
/// Markdown inline formatting and links), bullets / numbered (items), table (columns, rows, caption), image (path, alt,
/// caption, width_inches), chart (chart, alt, caption), quote (text), page_break.
/// </summary>
internal sealed record DocumentBlock
{
    public string Type { get; init; } = "paragraph";

    public string? Text { get; init; }

    public int Level { get; init; } = 1;

    public List<ListItem>? Items { get; init; }

    public List<string>? Columns { get; init; }

    public List<List<string>>? Rows { get; init; }

    public string? Path { get; init; }

    public string? Alt { get; init; }

    public string? Caption { get; init; }

    public double? WidthInches { get; init; }

    public SlideChartSpec? Chart { get; init; }
}
