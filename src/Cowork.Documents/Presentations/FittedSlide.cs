namespace Cowork.Documents;

/// <summary>A slide with its text sizes chosen so everything fits its box.</summary>
/// <param name="TitleSize">Points for the title.</param>
/// <param name="BodySize">Points for the body (bullets, columns, table cells, the quote).</param>
/// <param name="ColumnWidths">A table's column widths in EMU.</param>
/// <param name="Continued">A later part of a slide split because its content did not fit.</param>
internal sealed record FittedSlide(SlideSpec Spec, LayoutKind Layout, int TitleSize, int BodySize, long[]? ColumnWidths = null, bool Continued = false);
