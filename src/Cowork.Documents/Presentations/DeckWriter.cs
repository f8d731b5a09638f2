using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Cowork.Documents;

/// <summary>
/// Writes a <see cref="DeckSpec"/> as a .pptx on the built-in template: text fitted by <see cref="SlideFitter"/>,
/// native charts with their workbooks, pictures and tables with alt text, speaker notes.
/// </summary>
internal sealed class DeckWriter
{
    private readonly ImageSource _images;
    private readonly Dictionary<LayoutKind, SlideLayoutPart> _layouts = [];
    private NotesMasterPart? _notesMaster;
    private PresentationPart _presentation = null!;

    private DeckWriter(ImageSource images) => _images = images;

    /// <summary>The .pptx bytes and the number of slides (continuation slides included).</summary>
    /// <exception cref="ToolException">The spec is unusable: no slides, an unknown layout, missing fields, text that cannot fit.</exception>
    public static (byte[] Bytes, int Slides) Write(DeckSpec spec, ImageSource images)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Slides.Count == 0)
        {
            throw new ToolException("The deck has no slides.");
        }

        if (spec.Slides.Count > 200)
        {
            throw new ToolException($"The deck has {spec.Slides.Count} slides; at most 200.");
        }

        var fitted = SlideFitter.Fit(spec.Slides);
        using var stream = new MemoryStream();
        new DeckWriter(images).WriteTo(stream, spec, fitted);
        return (stream.ToArray(), fitted.Count);
    }

    private void WriteTo(Stream stream, DeckSpec spec, IReadOnlyList<FittedSlide> slides)
    {
        using var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation);
        document.PackageProperties.Title = Xml.Clean(spec.Title.Length > 0 ? spec.Title : slides[0].Spec.Title);
        document.PackageProperties.Creator = Xml.Clean(spec.Author ?? "Cowork");
        document.PackageProperties.Created = DateTime.UtcNow;
        _presentation = document.AddPresentationPart();

        var master = _presentation.AddNewPart<SlideMasterPart>("rIdMaster");
        var theme = master.AddNewPart<ThemePart>("rIdTheme");
        DeckTemplate.Feed(theme, DeckTemplate.ThemeXml("Cowork"));
        _presentation.AddPart(theme);
        var layoutIds = new List<string>();
        for (var i = 0; i < DeckTemplate.Layouts.Length; i++)
        {
            var id = $"rIdLayout{i + 1}";
            var layout = master.AddNewPart<SlideLayoutPart>(id);
            DeckTemplate.Feed(layout, DeckTemplate.LayoutXml(DeckTemplate.Layouts[i]));
            layout.AddPart(master);
            _layouts[DeckTemplate.Layouts[i]] = layout;
            layoutIds.Add(id);
        }

        DeckTemplate.Feed(master, DeckTemplate.MasterXml(layoutIds));

        var slideIds = new StringBuilder();
        for (var i = 0; i < slides.Count; i++)
        {
            var part = _presentation.AddNewPart<SlidePart>($"rIdSlide{i + 1}");
            WriteSlide(part, slides[i], $"Slide {i + 1}");
            slideIds.Append(CultureInfo.InvariantCulture, $"<p:sldId id=\"{256 + i}\" r:id=\"rIdSlide{i + 1}\"/>");
        }

        var notes = _notesMaster is null ? "" : "<p:notesMasterIdLst><p:notesMasterId r:id=\"rIdNotesMaster\"/></p:notesMasterIdLst>";
        DeckTemplate.Feed(_presentation,
            $"<p:presentation {DeckTemplate.Ns} saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rIdMaster\"/></p:sldMasterIdLst>{notes}" +
            $"<p:sldIdLst>{slideIds}</p:sldIdLst><p:sldSz cx=\"{SlideGeometry.Width}\" cy=\"{SlideGeometry.Height}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>");
    }

    private void WriteSlide(SlidePart part, FittedSlide slide, string where)
    {
        part.AddPart(_layouts[slide.Layout]);
        var shapes = new SlideShapes(part);
        var spec = slide.Spec;
        switch (slide.Layout)
        {
            case LayoutKind.Title:
            case LayoutKind.Section:
                shapes.Text(slide.Layout == LayoutKind.Title ? "type=\"ctrTitle\"" : "type=\"title\"", "Title", SlideGeometry.CoverTitle,
                    [new(spec.Title!, 0)], slide.TitleSize, bullets: false, bold: true);
                if (spec.Subtitle is { Length: > 0 } subtitle)
                {
                    shapes.Text(slide.Layout == LayoutKind.Title ? "type=\"subTitle\" idx=\"1\"" : "type=\"body\" idx=\"1\"", "Subtitle", SlideGeometry.CoverSubtitle,
                        [new(subtitle, 0)], slide.BodySize, bullets: false);
                }

                break;
            case LayoutKind.Content:
                Title(shapes, slide);
                shapes.Rectangle("Accent Stripe", SlideGeometry.Card, Palette.Accents[0]);
                shapes.Text("idx=\"1\"", "Content", SlideGeometry.BulletBody, spec.Bullets!, slide.BodySize, bullets: true);
                break;
            case LayoutKind.TwoContent:
                Title(shapes, slide);
                shapes.Rectangle("Column Divider", SlideGeometry.Divider, Palette.Rule);
                shapes.Text("sz=\"half\" idx=\"1\"", "Left Column", SlideGeometry.Left, spec.Left ?? [], slide.BodySize, bullets: true, heading: spec.LeftHeading);
                shapes.Text("sz=\"half\" idx=\"2\"", "Right Column", SlideGeometry.Right, spec.Right ?? [], slide.BodySize, bullets: true, heading: spec.RightHeading);
                break;
            case LayoutKind.Quote:
                shapes.Text("type=\"body\" idx=\"1\"", "Quote", SlideGeometry.QuoteText, [new(spec.Quote!, 0)], slide.BodySize, bullets: false, italic: true);
                if (!string.IsNullOrWhiteSpace(spec.Attribution))
                {
                    shapes.Text("type=\"body\" idx=\"2\"", "Attribution", SlideGeometry.QuoteBy, [new("\u2014 " + spec.Attribution, 0)], 18, bullets: false);
                }

                break;
            default:
                Title(shapes, slide);
                var body = spec.Caption is null ? SlideGeometry.Body : SlideGeometry.Body with { Height = SlideGeometry.Caption.Y - SlideGeometry.Body.Y - (Box.EmuPerInch / 10) };
                switch (SlideFitter.Kind(spec))
                {
                    case "chart":
                        var chart = part.AddNewPart<ChartPart>();
                        NativeChart.Write(chart, spec.Chart!, fontSize: 14);
                        shapes.Chart(part.GetIdOfPart(chart), body, spec.Alt ?? WordWriter.ChartAlt(spec.Chart!));
                        break;
                    case "table":
                        shapes.Table(body, spec.Columns!, spec.Rows!, slide.ColumnWidths!, slide.BodySize, spec.Alt ?? $"Table: {string.Join(", ", spec.Columns!)}");
                        break;
                    default:
                        var image = _images(spec.Image!);
                        var picture = part.AddImagePart(image.Format switch
                        {
                            "png" => ImagePartType.Png,
                            "jpeg" => ImagePartType.Jpeg,
                            "gif" => ImagePartType.Gif,
                            _ => ImagePartType.Bmp,
                        });
                        using (var data = new MemoryStream(image.Bytes))
                        {
                            picture.FeedData(data);
                        }

                        var (cx, cy) = image.Fit(body.Width, body.Height);
                        shapes.Picture(part.GetIdOfPart(picture), new Box(body.X + ((body.Width - cx) / 2), body.Y + ((body.Height - cy) / 2), cx, cy), spec.Alt!);
                        break;
                }

                if (spec.Caption is not null)
                {
                    shapes.Text(null, "Caption", SlideGeometry.Caption, [new(spec.Caption, 0)], 14, bullets: false, color: Palette.Muted);
                }

                break;
        }

        shapes.SlideNumber();
        DeckTemplate.Feed(part, shapes.SlideXml(slide.Layout));
        if (!string.IsNullOrWhiteSpace(spec.Notes))
        {
            Notes(part, spec.Notes!);
        }
    }

    private static void Title(SlideShapes shapes, FittedSlide slide) =>
        shapes.Text("type=\"title\"", "Title", SlideGeometry.Title, [new(slide.Spec.Title!, 0)], slide.TitleSize, bullets: false, bold: true);

    private void Notes(SlidePart slide, string text)
    {
        if (_notesMaster is null)
        {
            _notesMaster = _presentation.AddNewPart<NotesMasterPart>("rIdNotesMaster");
            var theme = _notesMaster.AddNewPart<ThemePart>();
            DeckTemplate.Feed(theme, DeckTemplate.ThemeXml("Cowork Notes"));
            DeckTemplate.Feed(_notesMaster, DeckTemplate.NotesMasterXml());
        }

        var notes = slide.AddNewPart<NotesSlidePart>();
        notes.AddPart(_notesMaster);
        notes.AddPart(slide);
        var paragraphs = string.Concat(Xml.Clean(text).Split('\n').Select(line => $"<a:p><a:r><a:rPr lang=\"en-US\" dirty=\"0\"/><a:t>{Xml.Escape(line.TrimEnd('\r'))}</a:t></a:r></a:p>"));
        DeckTemplate.Feed(notes,
            $"<p:notes {DeckTemplate.Ns}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>" +
            "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>" +
            "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/>" +
            $"<p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>");
    }
}
