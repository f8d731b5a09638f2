namespace Cowork.Documents;

/// <summary>A slide table's column widths (by content) and measured height.</summary>
internal static class TableLayout
{
    /// <summary>Cell margins: 0.1 in left and right, 0.05 in top and bottom.</summary>
    public const long CellMarginX = 91440;
    public const long CellMarginY = 45720;

    public static long[] ColumnWidths(IReadOnlyList<string> columns, IReadOnlyList<List<string>> rows, long total)
    {
        // Weight by the longest text in each column, square-rooted so one long column does not starve the rest.
        var weights = columns.Select((c, i) => Math.Sqrt(Math.Max(6, rows.Select(r => InlineText.Plain(r[i]).Length).Append(InlineText.Plain(c).Length).Max()))).ToArray();
        var sum = weights.Sum();
        var widths = weights.Select(w => (long)(total * w / sum)).ToArray();
        widths[^1] += total - widths.Sum();
        return widths;
    }

    /// <summary>The table's height in EMU at <paramref name="size"/> points, the header row in bold.</summary>
    public static long Height(IReadOnlyList<string> columns, IReadOnlyList<List<string>> rows, long[] widths, int size)
    {
        var height = RowHeight(columns, widths, size, bold: true);
        foreach (var row in rows)
        {
            height += RowHeight(row, widths, size, bold: false);
        }

        return height;
    }

    public static long RowHeight(IReadOnlyList<string> cells, long[] widths, int size, bool bold)
    {
        var tallest = 0.0;
        for (var c = 0; c < cells.Count; c++)
        {
            var width = (widths[c] - (2 * CellMarginX)) / (double)Box.EmuPerPoint;
            tallest = Math.Max(tallest, TextMeasure.Height([new MeasuredParagraph(InlineText.Plain(cells[c]), Bold: bold)], size, width));
        }

        return (long)(tallest * 1.08 * Box.EmuPerPoint) + (2 * CellMarginY);
    }
}
