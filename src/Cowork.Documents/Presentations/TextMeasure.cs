using SkiaSharp;

namespace Cowork.Documents;

/// <summary>
/// Measures wrapped text with real font metrics (SkiaSharp, Liberation Sans: the metrics of Arial, the template's
/// font), to decide the size that fits a box and to check decks for overflow.
/// </summary>
/// <remarks>Thread-safe: typefaces are shared and immutable; each call makes its own fonts.</remarks>
internal static class TextMeasure
{
    /// <summary>Space between paragraphs as a fraction of the font size (what the template sets with spcBef).</summary>
    public const double ParagraphGap = 0.45;

    /// <summary>Room kept spare in a box, for renderer differences.</summary>
    private const double Slack = 0.06;

    private static readonly Lazy<SKTypeface> Regular = new(() => Load(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load(SKFontStyle.Bold));

    /// <summary>The height, in points, that <paramref name="paragraphs"/> take at <paramref name="size"/> points in <paramref name="widthPoints"/>.</summary>
    public static double Height(IReadOnlyList<MeasuredParagraph> paragraphs, double size, double widthPoints, double lineSpacing = 1.0)
    {
        var height = 0.0;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            var fontSize = size * p.Scale;
            using var font = new SKFont(p.Bold ? Bold.Value : Regular.Value, (float)fontSize);
            var line = LineHeight(font) * lineSpacing;
            var lines = Lines(p.Text, font, widthPoints - p.IndentPoints);
            height += (lines * line) + (i == 0 ? 0 : ParagraphGap * fontSize);
        }

        return height;
    }

    /// <summary>Whether the paragraphs fit a box (insets taken off) at <paramref name="size"/>.</summary>
    public static bool Fits(IReadOnlyList<MeasuredParagraph> paragraphs, double size, Box box, double lineSpacing = 1.0)
    {
        var (width, height) = Inner(box);
        return Height(paragraphs, size, width, lineSpacing) <= height * (1 - Slack) && Widest(paragraphs, size) <= width;
    }

    /// <summary>The usable width and height of a box, in points.</summary>
    public static (double Width, double Height) Inner(Box box) =>
        ((box.Width - (2 * SlideGeometry.InsetX)) / (double)Box.EmuPerPoint, (box.Height - (2 * SlideGeometry.InsetY)) / (double)Box.EmuPerPoint);

    /// <summary>The number of lines <paramref name="text"/> wraps to (words longer than a line break inside).</summary>
    public static int Lines(string text, SKFont font, double width)
    {
        var lines = 0;
        foreach (var hard in text.Split('\n'))
        {
            lines++;
            var current = 0.0;
            var space = font.MeasureText(" ");
            foreach (var word in hard.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = font.MeasureText(word);
                if (current > 0 && current + space + w > width)
                {
                    lines++;
                    current = 0;
                }

                if (w > width)
                {
                    // A word wider than the line is broken by the renderer across lines.
                    var extra = (int)Math.Ceiling(w / width) - 1;
                    lines += extra;
                    current = w - (extra * width);
                    continue;
                }

                current += (current > 0 ? space : 0) + w;
            }
        }

        return lines;
    }

    /// <summary>The width of the widest single word, in points: a word wider than the box cannot fit at all.</summary>
    private static double Widest(IReadOnlyList<MeasuredParagraph> paragraphs, double size)
    {
        var widest = 0.0;
        foreach (var p in paragraphs)
        {
            using var font = new SKFont(p.Bold ? Bold.Value : Regular.Value, (float)(size * p.Scale));
            foreach (var word in p.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                widest = Math.Max(widest, font.MeasureText(word) + p.IndentPoints);
            }
        }

        return widest;
    }

    private static double LineHeight(SKFont font)
    {
        var metrics = font.Metrics;
        return metrics.Descent - metrics.Ascent + metrics.Leading;
    }

    private static SKTypeface Load(SKFontStyle style)
    {
        foreach (var family in new[] { "Liberation Sans", "Arial" })
        {
            var typeface = SKTypeface.FromFamilyName(family, style);
            if (typeface is not null && typeface.FamilyName == family)
            {
                return typeface;
            }
        }

        return SKTypeface.FromFamilyName(null, style) ?? SKTypeface.Default;
    }
}
