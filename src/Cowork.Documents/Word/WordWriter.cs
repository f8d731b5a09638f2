using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Cowork.Documents;

/// <summary>
/// Writes a <see cref="DocumentSpec"/> as a .docx: styles with outline levels, a title page with a TOC field, real
/// list numbering, tables with repeating header rows, images and native charts with alt text, a header and a footer
/// with page numbers.
/// </summary>
internal sealed class WordWriter
{
    private const long EmuPerInch = 914400;
    private const int TwipsPerInch = 1440;

    private readonly DocumentSpec _spec;
    private readonly ImageSource _images;
    private readonly IReadOnlyList<int>? _tocPages;
    private MainDocumentPart _main = null!;
    private Body _body = null!;
    private int _nextNumberedList = WordStyles.NumberedList;
    private uint _drawingId = 1;
    private int _bookmarkId;
    private readonly List<(int Level, string Text, string Bookmark)> _headings = [];

    private WordWriter(DocumentSpec spec, ImageSource images, IReadOnlyList<int>? tocPages)
    {
        _spec = spec;
        _images = images;
        _tocPages = tocPages;
    }

    /// <summary>The .docx bytes.</summary>
    /// <param name="tocPages">The page of each of <see cref="Headings"/>, for the table of contents' cached entries; blank when unknown (Word fills them on open).</param>
    /// <exception cref="ToolException">The spec is unusable: no content, an unknown block, a bad table, image or chart.</exception>
    public static byte[] Write(DocumentSpec spec, ImageSource images, IReadOnlyList<int>? tocPages = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.Title) && spec.Blocks.Count == 0)
        {
            throw new ToolException("The document has no title and no blocks; give it at least a title and some content.");
        }

        using var stream = new MemoryStream();
        new WordWriter(spec, images, tocPages).WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>The plain text of the headings the table of contents lists, in order.</summary>
    public static IReadOnlyList<string> Headings(DocumentSpec spec) =>
        [.. spec.Blocks.Where(b => Kind(b) == "heading" && !string.IsNullOrWhiteSpace(b.Text)).Select(b => InlineText.Plain(b.Text))];

    private (int Width, int Height) PageTwips => _spec.PageSize.Trim().ToLowerInvariant() switch
    {
        "letter" or "us" or "us letter" => (12240, 15840),
        "a4" or "" => (11906, 16838),
        _ => throw new ToolException($"page_size \"{_spec.PageSize}\" is not a4 or letter."),
    };

    private long TextWidthEmu => (PageTwips.Width - (2 * TwipsPerInch)) * EmuPerInch / TwipsPerInch;

    private void WriteTo(Stream stream)
    {
        var page = PageTwips;
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = Xml.Clean(_spec.Title);
        document.PackageProperties.Creator = Xml.Clean(_spec.Author ?? "Cowork");
        document.PackageProperties.Created = DateTime.UtcNow;
        _main = document.AddMainDocumentPart();
        _main.Document = new Document();
        _body = _main.Document.AppendChild(new Body());
        _main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(WordStyles.StylesXml());
        _main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(
            new DefaultTabStop { Val = 720 },
            new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
            new UpdateFieldsOnOpen { Val = true },
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
            }));

        var blocks = _spec.Blocks;
        var numberedLists = blocks.Count(b => Kind(b) == "numbered");
        _main.AddNewPart<NumberingDefinitionsPart>().Numbering = new Numbering(WordStyles.NumberingXml(Math.Max(1, numberedLists)));

        // Headings first, so the TOC can list them (Word and LibreOffice refresh it; the cached entries show until then).
        for (var i = 0; i < blocks.Count; i++)
        {
            if (Kind(blocks[i]) == "heading" && !string.IsNullOrWhiteSpace(blocks[i].Text))
            {
                _headings.Add((Math.Clamp(blocks[i].Level, 1, 3), InlineText.Plain(blocks[i].Text), $"_Toc{_headings.Count + 1:D6}"));
            }
        }

        TitlePage();
        var heading = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var where = $"Block {i + 1} ({Kind(blocks[i])})";
            AddBlock(blocks[i], where, ref heading);
        }

        _body.Append(Section(page));
        _main.Document.Save();
    }

    private static string Kind(DocumentBlock block) => (block.Type ?? "paragraph").Trim().ToLowerInvariant().Replace('-', '_');

    private void TitlePage()
    {
        if (!string.IsNullOrWhiteSpace(_spec.Title))
        {
            _body.Append(Styled("Title", InlineText.Parse(_spec.Title)));
        }

        if (!string.IsNullOrWhiteSpace(_spec.Subtitle))
        {
            _body.Append(Styled("Subtitle", InlineText.Parse(_spec.Subtitle)));
        }

        var byline = string.Join("  ·  ", new[] { _spec.Author, DateTime.Now.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrWhiteSpace(s)));
        _body.Append(Styled("Subtitle", [new TextSpan(byline, default)]));
        if (_spec.Toc && _headings.Count > 0)
        {
            TableOfContents();
        }

        if (!string.IsNullOrWhiteSpace(_spec.Title) && _spec.Blocks.Count > 0)
        {
            _body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        }
    }

    /// <summary>A TOC field (levels 1-3, hyperlinked) whose cached result already lists the headings.</summary>
    private void TableOfContents()
    {
        var content = new SdtContentBlock();
        content.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TOCHeading" }), new Run(new Text("Contents"))));
        for (var i = 0; i < _headings.Count; i++)
        {
            var (level, text, bookmark) = _headings[i];
            var paragraph = new Paragraph(new ParagraphProperties(
                new ParagraphStyleId { Val = $"TOC{level}" },
                new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = 9020 })));
            if (i == 0)
            {
                paragraph.Append(
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
                    new Run(new FieldCode(" TOC \\o \"1-3\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }));
            }

            paragraph.Append(new Hyperlink(
                new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new TabChar()),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode($" PAGEREF {bookmark} \\h ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new Text(_tocPages is { } pages && i < pages.Count ? pages[i].ToString(CultureInfo.InvariantCulture) : "")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End }))
            { Anchor = bookmark, History = true });
            if (i == _headings.Count - 1)
            {
                paragraph.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            }

            content.Append(paragraph);
        }

        _body.Append(new SdtBlock(
            new SdtProperties(new SdtContentDocPartObject(new DocPartGallery { Val = "Table of Contents" }, new DocPartUnique())),
            content));
    }

    private void AddBlock(DocumentBlock block, string where, ref int heading)
    {
        switch (Kind(block))
        {
            case "heading":
                if (string.IsNullOrWhiteSpace(block.Text))
                {
                    throw new ToolException($"{where}: a heading needs text.");
                }

                var (level, _, bookmark) = _headings[heading++];
                var paragraph = Styled($"Heading{level}", InlineText.Parse(block.Text));
                var id = (++_bookmarkId).ToString(CultureInfo.InvariantCulture);
                paragraph.InsertAfter(new BookmarkStart { Id = id, Name = bookmark }, paragraph.ParagraphProperties);
                paragraph.Append(new BookmarkEnd { Id = id });
                _body.Append(paragraph);
                break;
            case "paragraph" or "text":
                _body.Append(Styled(null, InlineText.Parse(block.Text)));
                break;
            case "quote":
                _body.Append(Styled("Quote", InlineText.Parse(block.Text)));
                break;
            case "code":
                foreach (var line in Xml.Clean(block.Text).Split('\n'))
                {
                    _body.Append(Styled("Code", [new TextSpan(line.TrimEnd('\r'), default)]));
                }

                _body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" })));
                break;
            case "bullets" or "bulleted" or "list":
                List(block, where, WordStyles.BulletList);
                break;
            case "numbered" or "ordered":
                List(block, where, _nextNumberedList++);
                break;
            case "table":
                Table(block, where);
                break;
            case "image" or "picture":
                Image(block, where);
                break;
            case "chart":
                Chart(block, where);
                break;
            case "page_break":
                _body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                break;
            default:
                throw new ToolException($"{where}: unknown block type \"{block.Type}\"; use heading, paragraph, bullets, numbered, table, image, chart, quote, code or page_break.");
        }
    }

    private void List(DocumentBlock block, string where, int numberingId)
    {
        if (block.Items is not { Count: > 0 } items)
        {
            throw new ToolException($"{where}: a list needs items.");
        }

        foreach (var item in items)
        {
            var paragraph = Styled("ListParagraph", InlineText.Parse(item.Text));
            paragraph.ParagraphProperties!.Append(new NumberingProperties(
                new NumberingLevelReference { Val = Math.Clamp(item.Level, 0, 8) }, new NumberingId { Val = numberingId }));
            _body.Append(paragraph);
        }

        _body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" })));
    }

    private void Table(DocumentBlock block, string where)
    {
        var columns = block.Columns ?? [];
        var rows = block.Rows ?? [];
        if (columns.Count == 0)
        {
            throw new ToolException($"{where}: a table needs columns (its header row).");
        }

        if (columns.Count > 20)
        {
            throw new ToolException($"{where}: {columns.Count} columns do not fit a page; at most 20.");
        }

        if (rows.FirstOrDefault(r => r.Count > columns.Count) is { } wide)
        {
            throw new ToolException($"{where}: a row has {wide.Count} cells for {columns.Count} columns.");
        }

        var numeric = Enumerable.Range(0, columns.Count)
            .Select(c => rows.Any(r => c < r.Count && !string.IsNullOrWhiteSpace(r[c])) && rows.All(r => c >= r.Count || IsNumber(r[c])))
            .ToArray();
        var width = (int)(TextWidthEmu * TwipsPerInch / EmuPerInch);
        var table = new Table(new TableProperties(
            new TableStyle { Val = "ReportTable" },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLook { Val = "0420" }));
        var grid = new TableGrid();
        var widths = TableLayout.ColumnWidths(columns, [.. rows.Select(r => r.Concat(Enumerable.Repeat("", columns.Count - r.Count)).ToList())], width);
        foreach (var columnWidth in widths)
        {
            grid.Append(new GridColumn { Width = columnWidth.ToString(CultureInfo.InvariantCulture) });
        }

        table.Append(grid);
        table.Append(Row(columns, header: true, numeric, widths));
        foreach (var row in rows)
        {
            table.Append(Row([.. row, .. Enumerable.Repeat("", columns.Count - row.Count)], header: false, numeric, widths));
        }

        _body.Append(table);
        _body.Append(Caption(block.Caption) ?? new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "120" })));
    }

    private TableRow Row(IReadOnlyList<string> cells, bool header, bool[] numeric, long[] widths)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }

        for (var c = 0; c < cells.Count; c++)
        {
            var paragraph = Styled("TableText", InlineText.Parse(cells[c]));
            if (numeric[c])
            {
                paragraph.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Right });
            }

            row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Width = widths[c].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }), paragraph));
        }

        return row;
    }

    private static bool IsNumber(string text)
    {
        var trimmed = text.Trim().TrimStart('$', '€', '£', '-', '+', '(').TrimEnd('%', ')', 'k', 'K', 'm', 'M');
        return trimmed.Length == 0 || decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
    }

    private void Image(DocumentBlock block, string where)
    {
        if (string.IsNullOrWhiteSpace(block.Path))
        {
            throw new ToolException($"{where}: an image needs a path to an image file in a granted folder.");
        }

        if (string.IsNullOrWhiteSpace(block.Alt))
        {
            throw new ToolException($"{where}: an image needs alt text (alt) describing it for readers who cannot see it.");
        }

        var image = _images(block.Path);
        var part = _main.AddImagePart(image.Format switch
        {
            "png" => ImagePartType.Png,
            "jpeg" => ImagePartType.Jpeg,
            "gif" => ImagePartType.Gif,
            _ => ImagePartType.Bmp,
        });
        using (var data = new MemoryStream(image.Bytes))
        {
            part.FeedData(data);
        }

        var maxWidth = block.WidthInches is > 0 ? Math.Min((long)(block.WidthInches.Value * EmuPerInch), TextWidthEmu) : TextWidthEmu;
        var (cx, cy) = image.Fit(maxWidth, 8 * EmuPerInch);
        var id = _drawingId++;
        var name = $"Picture {id}";
        var graphic =
            "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">" +
            $"<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"{name}\" descr=\"{Xml.Escape(block.Alt)}\"/><pic:cNvPicPr/></pic:nvPicPr>" +
            $"<pic:blipFill><a:blip r:embed=\"{_main.GetIdOfPart(part)}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>" +
            $"<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>";
        _body.Append(Figure(Inline(id, name, block.Alt, cx, cy, graphic)));
        if (Caption(block.Caption, centered: true) is { } caption)
        {
            _body.Append(caption);
        }
    }

    private void Chart(DocumentBlock block, string where)
    {
        if (block.Chart is null)
        {
            throw new ToolException($"{where}: a chart block needs chart (type, categories, series).");
        }

        var alt = string.IsNullOrWhiteSpace(block.Alt) ? ChartAlt(block.Chart) : block.Alt;
        NativeChart.Check(block.Chart, where);
        var part = _main.AddNewPart<ChartPart>();
        NativeChart.Write(part, block.Chart, fontSize: 9);
        var id = _drawingId++;
        var (cx, cy) = (TextWidthEmu, TextWidthEmu * 9 / 16);
        var graphic =
            $"<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"{NativeChart.GraphicDataUri}\">" +
            $"<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"{_main.GetIdOfPart(part)}\"/></a:graphicData></a:graphic>";
        _body.Append(Figure(Inline(id, $"Chart {id}", alt, cx, cy, graphic)));
        if (Caption(block.Caption, centered: true) is { } caption)
        {
            _body.Append(caption);
        }
    }

    /// <summary>Alt text from the chart's own words, when none is given.</summary>
    public static string ChartAlt(SlideChartSpec chart) =>
        $"{(string.IsNullOrWhiteSpace(chart.Title) ? "Chart" : chart.Title)}: {chart.Type} chart of {string.Join(", ", chart.Series.Select(s => s.Name))} " +
        $"by {string.Join(", ", chart.Categories.Take(12))}{(chart.Categories.Count > 12 ? ", …" : "")}.";

    private static string Inline(uint id, string name, string alt, long cx, long cy, string graphic) =>
        "<w:drawing xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">" +
        $"<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{id}\" name=\"{name}\" descr=\"{Xml.Escape(alt)}\"/>" +
        "<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>" +
        graphic + "</wp:inline></w:drawing>";

    private static Paragraph Figure(string drawingXml) =>
        new(new ParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "60" }, new Justification { Val = JustificationValues.Center }),
            new Run(new Drawing(drawingXml)));

    private Paragraph? Caption(string? caption, bool centered = false)
    {
        if (string.IsNullOrWhiteSpace(caption))
        {
            return null;
        }

        var paragraph = Styled("Caption", InlineText.Parse(caption));
        if (centered)
        {
            paragraph.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Center });
        }

        return paragraph;
    }

    private Paragraph Styled(string? style, IReadOnlyList<TextSpan> spans)
    {
        var paragraph = new Paragraph(style is null ? new ParagraphProperties() : new ParagraphProperties(new ParagraphStyleId { Val = style }));
        foreach (var span in spans)
        {
            var run = Run(span);
            if (span.Style.Link is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto")
            {
                var relationship = _main.AddHyperlinkRelationship(uri, isExternal: true);
                run.RunProperties ??= new RunProperties();
                run.RunProperties.PrependChild(new RunStyle { Val = "Hyperlink" });
                paragraph.Append(new Hyperlink(run) { Id = relationship.Id, History = true });
            }
            else
            {
                paragraph.Append(run);
            }
        }

        return paragraph;
    }

    private static Run Run(TextSpan span)
    {
        var properties = new RunProperties();
        if (span.Style.Code)
        {
            properties.Append(new RunFonts { Ascii = Palette.MonoFont, HighAnsi = Palette.MonoFont, ComplexScript = Palette.MonoFont });
        }

        if (span.Style.Bold)
        {
            properties.Append(new Bold());
        }

        if (span.Style.Italic)
        {
            properties.Append(new Italic());
        }

        if (span.Style.Strike)
        {
            properties.Append(new Strike());
        }

        var run = new Run(new Text(Xml.Clean(span.Text)) { Space = SpaceProcessingModeValues.Preserve });
        if (properties.HasChildren)
        {
            run.PrependChild(properties);
        }

        return run;
    }

    private SectionProperties Section((int Width, int Height) page)
    {
        var header = _main.AddNewPart<HeaderPart>();
        header.Header = new Header(Styled("Header", [new TextSpan(Xml.Clean(_spec.Header ?? _spec.Title), default)]));
        var footer = _main.AddNewPart<FooterPart>();
        var footerParagraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }));
        if (!string.IsNullOrWhiteSpace(_spec.Footer))
        {
            footerParagraph.Append(new Run(new Text(Xml.Clean(_spec.Footer) + "    ") { Space = SpaceProcessingModeValues.Preserve }));
        }

        footerParagraph.Append(
            new Run(new Text("Page ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
            new Run(new Text(" of ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " NUMPAGES " });
        footer.Footer = new Footer(footerParagraph);

        // The title page has no header or footer: empty first-page parts.
        var firstHeader = _main.AddNewPart<HeaderPart>();
        firstHeader.Header = new Header(new Paragraph());
        var firstFooter = _main.AddNewPart<FooterPart>();
        firstFooter.Footer = new Footer(new Paragraph());
        return new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = _main.GetIdOfPart(header) },
            new HeaderReference { Type = HeaderFooterValues.First, Id = _main.GetIdOfPart(firstHeader) },
            new FooterReference { Type = HeaderFooterValues.Default, Id = _main.GetIdOfPart(footer) },
            new FooterReference { Type = HeaderFooterValues.First, Id = _main.GetIdOfPart(firstFooter) },
            new PageSize { Width = (uint)page.Width, Height = (uint)page.Height },
            new PageMargin { Top = TwipsPerInch, Bottom = TwipsPerInch, Left = (uint)TwipsPerInch, Right = (uint)TwipsPerInch, Header = 708, Footer = 708, Gutter = 0 },
            new TitlePage());
    }
}
