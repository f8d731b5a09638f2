namespace Cowork.Documents;

/// <summary>A slide with its text sizes chosen so everything fits its box.</summary>
/// <param name="TitleSize">Points for the title.</param>
/// <param name="BodySize">Points for the body (bullets, columns, table cells, the quote).</param>
/// <param name="ColumnWidths">A table's column widths in EMU.</param>
internal sealed record FittedSlide(SlideSpec Spec, LayoutKind Layout, int TitleSize, int BodySize, long[]? ColumnWidths = null);
