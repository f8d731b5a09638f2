namespace Cowork.Documents;

/// <summary>
/// Fits each slide's text to its boxes with measured font metrics: titles 40 pt, down to 36 pt over two lines; body
/// text 24 pt down to 14 pt; what still does not fit is split onto continuation slides ("… (continued)").
/// </summary>
internal static class SlideFitter
{
    /// <summary>Below this the body is split rather than shrunk further when a split is possible.</summary>
    private const int SplitSize = 18;

    public static IReadOnlyList<FittedSlide> Fit(IReadOnlyList<SlideSpec> slides)
    {
        var fitted = new List<FittedSlide>();
        for (var i = 0; i < slides.Count; i++)
        {
            var where = $"Slide {i + 1}";
            fitted.AddRange(FitOne(slides[i], where));
        }

        return fitted;
    }

    public static string Kind(SlideSpec slide) => (slide.Layout ?? "bullets").Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');

    /// <summary>The point size of a list paragraph at <paramref name="level"/> when the body is <paramref name="size"/>.</summary>
    public static int LevelSize(int size, int level) => Math.Max(SlideGeometry.MinBodySize, size - (level switch { 0 => 0, 1 => 4, _ => 6 }));

    public static List<MeasuredParagraph> Paragraphs(IReadOnlyList<ListItem> items, int size, string? heading = null)
    {
        var paragraphs = new List<MeasuredParagraph>();
        if (!string.IsNullOrWhiteSpace(heading))
        {
            paragraphs.Add(new MeasuredParagraph(InlineText.Plain(heading), Bold: true));
        }

        paragraphs.AddRange(items.Select(item => new MeasuredParagraph(
            InlineText.Plain(item.Text), Math.Min(item.Level, 3), Scale: LevelSize(size, item.Level) / (double)size, Bulleted: true)));
        return paragraphs;
    }

    private static IEnumerable<FittedSlide> FitOne(SlideSpec slide, string where)
    {
        var kind = Kind(slide);
        switch (kind)
        {
            case "title" or "cover":
                Require(slide.Title, where, "a title");
                yield return new FittedSlide(slide, LayoutKind.Title, TitleSize(slide.Title!, SlideGeometry.CoverTitle, 44, 3, where), 20);
                break;
            case "section":
                Require(slide.Title, where, "a title");
                yield return new FittedSlide(slide, LayoutKind.Section, TitleSize(slide.Title!, SlideGeometry.CoverTitle, 40, 3, where), 20);
                break;
            case "bullets" or "content" or "text":
                Require(slide.Title, where, "a title");
                if (slide.Bullets is not { Count: > 0 })
                {
                    throw new ToolException($"{where}: a bullets slide needs bullets.");
                }

                foreach (var part in FitList(slide, slide.Bullets, null, SlideGeometry.BulletBody, where))
                {
                    yield return part;
                }

                break;
            case "two_column" or "two_columns" or "comparison":
                Require(slide.Title, where, "a title");
                foreach (var part in FitColumns(slide, where))
                {
                    yield return part;
                }

                break;
            case "chart":
                Require(slide.Title, where, "a title");
                if (slide.Chart is null)
                {
                    throw new ToolException($"{where}: a chart slide needs chart (type, categories, series).");
                }

                NativeChart.Check(slide.Chart, where);
                yield return new FittedSlide(slide, LayoutKind.TitleOnly, TitleSize(slide.Title!, SlideGeometry.Title, SlideGeometry.TitleSize, 2, where), 14);
                break;
            case "image" or "picture":
                Require(slide.Title, where, "a title");
                Require(slide.Image, where, "image (the path of an image file in a granted folder)");
                Require(slide.Alt, where, "alt text (alt) describing the image");
                yield return new FittedSlide(slide, LayoutKind.TitleOnly, TitleSize(slide.Title!, SlideGeometry.Title, SlideGeometry.TitleSize, 2, where), 14);
                break;
            case "table":
                Require(slide.Title, where, "a title");
                foreach (var part in FitTable(slide, where))
                {
                    yield return part;
                }

                break;
            case "quote":
                Require(slide.Quote, where, "quote (the quoted text)");
                var quote = new[] { new MeasuredParagraph(InlineText.Plain(slide.Quote)) };
                var size = Sizes(28, 18).FirstOrDefault(s => TextMeasure.Fits(quote, s, SlideGeometry.QuoteText));
                if (size == 0)
                {
                    throw new ToolException($"{where}: the quote is too long for a slide ({slide.Quote!.Length} characters); shorten it to a few sentences.");
                }

                yield return new FittedSlide(slide, LayoutKind.Quote, 0, size);
                break;
            default:
                throw new ToolException($"{where}: unknown layout \"{slide.Layout}\"; use title, section, bullets, two_column, chart, image, table or quote.");
        }
    }

    private static void Require(string? value, string where, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ToolException($"{where}: needs {what}.");
        }
    }

    private static IEnumerable<int> Sizes(int from, int to)
    {
        for (var s = from; s >= to; s -= 2)
        {
            yield return s;
        }
    }

    private static int TitleSize(string title, Box box, int preferred, int maxLines, string where)
    {
        var paragraph = new[] { new MeasuredParagraph(InlineText.Plain(title), Bold: true) };
        var (width, _) = TextMeasure.Inner(box);
        foreach (var size in Sizes(preferred, SlideGeometry.MinTitleSize))
        {
            // One line at the preferred size; more lines only at smaller ones, and never past the box.
            var lines = TextMeasure.Height(paragraph, size, width, 0.9) / (size * 0.9 * 1.15);
            if ((size == preferred ? lines <= 1.05 : lines <= maxLines + 0.05) && TextMeasure.Fits(paragraph, size, box, 0.9))
            {
                return size;
            }
        }

        throw new ToolException($"{where}: the title \"{title}\" is too long for a slide title; shorten it (about 50 characters at most) and put details in the body.");
    }

    private static IEnumerable<FittedSlide> FitList(SlideSpec slide, List<ListItem> items, string? heading, Box box, string where)
    {
        _ = TitleSize(slide.Title!, SlideGeometry.Title, SlideGeometry.TitleSize, 2, where);
        int TitleFor(bool continued) => TitleSize(Title(slide, continued), SlideGeometry.Title, SlideGeometry.TitleSize, 2, where);
        var remaining = items;
        var continued = false;
        while (remaining.Count > 0)
        {
            var size = Sizes(SlideGeometry.MaxBodySize, SlideGeometry.MinBodySize).FirstOrDefault(s => TextMeasure.Fits(Paragraphs(remaining, s, heading), s, box));
            if (size != 0)
            {
                yield return new FittedSlide(slide with { Bullets = remaining, Notes = continued ? null : slide.Notes, Title = Title(slide, continued) },
                    LayoutKind.Content, TitleFor(continued), size);
                yield break;
            }

            var count = FittingCount(remaining, SplitSize, box, heading);
            if (count == 0)
            {
                throw new ToolException($"{where}: a bullet is too long to fit a slide even at {SlideGeometry.MinBodySize} pt; split it into shorter bullets.");
            }

            var fitSize = Sizes(SlideGeometry.MaxBodySize, SplitSize).First(s => TextMeasure.Fits(Paragraphs(remaining[..count], s, heading), s, box));
            yield return new FittedSlide(slide with { Bullets = remaining[..count], Notes = continued ? null : slide.Notes, Title = Title(slide, continued) },
                LayoutKind.Content, TitleFor(continued), fitSize);
            remaining = remaining[count..];
            continued = true;
        }
    }

    /// <summary>How many leading items fit <paramref name="box"/> at <paramref name="size"/> (or at 14 pt when not even one fits at it).</summary>
    private static int FittingCount(List<ListItem> items, int size, Box box, string? heading)
    {
        var count = 0;
        while (count < items.Count && TextMeasure.Fits(Paragraphs(items[..(count + 1)], size, heading), size, box))
        {
            count++;
        }

        if (count == 0 && TextMeasure.Fits(Paragraphs(items[..1], SlideGeometry.MinBodySize, heading), SlideGeometry.MinBodySize, box))
        {
            return 1;
        }

        return count;
    }

    private static string Title(SlideSpec slide, bool continued) => continued ? $"{slide.Title} (continued)" : slide.Title!;

    private static IEnumerable<FittedSlide> FitColumns(SlideSpec slide, string where)
    {
        _ = TitleSize(slide.Title!, SlideGeometry.Title, SlideGeometry.TitleSize, 2, where);
        int TitleFor(bool continued) => TitleSize(Title(slide, continued), SlideGeometry.Title, SlideGeometry.TitleSize, 2, where);
        var left = slide.Left ?? [];
        var right = slide.Right ?? [];
        if (left.Count == 0 && right.Count == 0)
        {
            throw new ToolException($"{where}: a two-column slide needs left and right items.");
        }

        var continued = false;
        while (left.Count > 0 || right.Count > 0)
        {
            bool Both(int s, List<ListItem> l, List<ListItem> r) =>
                TextMeasure.Fits(Paragraphs(l, s, slide.LeftHeading), s, SlideGeometry.Left) && TextMeasure.Fits(Paragraphs(r, s, slide.RightHeading), s, SlideGeometry.Right);
            var size = Sizes(SlideGeometry.MaxBodySize, SlideGeometry.MinBodySize).FirstOrDefault(s => Both(s, left, right));
            if (size != 0)
            {
                yield return new FittedSlide(slide with { Left = left, Right = right, Title = Title(slide, continued), Notes = continued ? null : slide.Notes },
                    LayoutKind.TwoContent, TitleFor(continued), size);
                yield break;
            }

            var l = left.Count == 0 ? 0 : Math.Max(1, FittingCount(left, SplitSize, SlideGeometry.Left, slide.LeftHeading));
            var r = right.Count == 0 ? 0 : Math.Max(1, FittingCount(right, SplitSize, SlideGeometry.Right, slide.RightHeading));
            var partSize = Sizes(SlideGeometry.MaxBodySize, SlideGeometry.MinBodySize).FirstOrDefault(s => Both(s, left[..l], right[..r]));
            if (partSize == 0)
            {
                throw new ToolException($"{where}: an item is too long to fit a column even at {SlideGeometry.MinBodySize} pt; shorten it.");
            }

            yield return new FittedSlide(slide with { Left = left[..l], Right = right[..r], Title = Title(slide, continued), Notes = continued ? null : slide.Notes },
                LayoutKind.TwoContent, TitleFor(continued), partSize);
            left = left[l..];
            right = right[r..];
            continued = true;
        }
    }

    private static IEnumerable<FittedSlide> FitTable(SlideSpec slide, string where)
    {
        _ = TitleSize(slide.Title!, SlideGeometry.Title, SlideGeometry.TitleSize, 2, where);
        int TitleFor(bool continued) => TitleSize(Title(slide, continued), SlideGeometry.Title, SlideGeometry.TitleSize, 2, where);
        var columns = slide.Columns ?? [];
        var rows = slide.Rows ?? [];
        if (columns.Count == 0)
        {
            throw new ToolException($"{where}: a table slide needs columns (its header row).");
        }

        if (columns.Count > 8)
        {
            throw new ToolException($"{where}: {columns.Count} columns do not fit a slide; at most 8 (put the full table in a workbook or report).");
        }

        if (rows.FirstOrDefault(r => r.Count > columns.Count) is { } wide)
        {
            throw new ToolException($"{where}: a row has {wide.Count} cells for {columns.Count} columns.");
        }

        rows = [.. rows.Select(r => r.Count == columns.Count ? r : [.. r, .. Enumerable.Repeat("", columns.Count - r.Count)])];
        var widths = TableLayout.ColumnWidths(columns, rows, SlideGeometry.Body.Width);
        var box = slide.Caption is null ? SlideGeometry.Body : SlideGeometry.Body with { Height = SlideGeometry.Caption.Y - SlideGeometry.Body.Y };
        var continued = false;
        var remaining = rows;
        while (true)
        {
            foreach (var size in Sizes(16, SlideGeometry.MinBodySize))
            {
                if (TableLayout.Height(columns, remaining, widths, size) <= box.Height)
                {
                    yield return new FittedSlide(slide with { Rows = remaining, Title = Title(slide, continued), Notes = continued ? null : slide.Notes },
                        LayoutKind.TitleOnly, TitleFor(continued), size, widths);
                    yield break;
                }
            }

            var count = 0;
            while (count < remaining.Count && TableLayout.Height(columns, remaining[..(count + 1)], widths, SlideGeometry.MinBodySize) <= box.Height)
            {
                count++;
            }

            if (count == 0)
            {
                throw new ToolException($"{where}: a table row is too tall for a slide even at {SlideGeometry.MinBodySize} pt; shorten its cells.");
            }

            yield return new FittedSlide(slide with { Rows = remaining[..count], Title = Title(slide, continued), Notes = continued ? null : slide.Notes },
                LayoutKind.TitleOnly, TitleFor(continued), SlideGeometry.MinBodySize, widths);
            remaining = remaining[count..];
            continued = true;
        }
    }
}
