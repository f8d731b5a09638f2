using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using P = DocumentFormat.OpenXml.Presentation;

namespace Cowork.Documents;

/// <summary>
/// Checks a document the way a careful person would before sending it: the structural checks of
/// <see cref="OfficeChecks"/>, then a render of every page by LibreOffice, thumbnails of each, and on slides a look
/// for text drawn outside the boxes it belongs to (overflow as the renderer laid it out).
/// </summary>
internal static class OfficeVerifier
{
    /// <summary>How far, in points, rendered text may stray past its box before it counts as overflow.</summary>
    private const double Tolerance = 3;

    /// <summary>The structural checks of a .docx or .pptx held in memory.</summary>
    public static IReadOnlyList<OfficeFinding> Check(byte[] bytes, string extension)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        if (extension == ".pptx")
        {
            using var deck = PresentationDocument.Open(stream, false);
            return OfficeChecks.CheckPptx(deck);
        }

        using var document = WordprocessingDocument.Open(stream, false);
        return OfficeChecks.CheckDocx(document);
    }

    /// <summary>
    /// Renders documents held in memory in one LibreOffice launch, with thumbnails and page checks: each is written
    /// to <paramref name="outputFolder"/> under a name of its own first, so the PDFs and images cannot collide.
    /// </summary>
    public static async Task<IReadOnlyList<RenderResult>> RenderAsync(DocumentRenderer renderer, IReadOnlyList<(string Name, byte[] Bytes)> documents, string outputFolder,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputFolder);
        var files = documents.Select((d, i) =>
        {
            var path = Path.Combine(outputFolder, $"{i + 1}-{Path.GetFileNameWithoutExtension(d.Name)}{Path.GetExtension(d.Name).ToLowerInvariant()}");
            File.WriteAllBytes(path, d.Bytes);
            return (Path: path, d.Bytes);
        }).ToList();
        var pdfs = await renderer.ToPdfAsync(files.Select(f => f.Path).ToList(), outputFolder, cancellationToken).ConfigureAwait(false);
        var results = new List<RenderResult>();
        for (var i = 0; i < files.Count; i++)
        {
            var (path, bytes) = files[i];
            var pdf = pdfs[i];
            if (pdf is null)
            {
                results.Add(new RenderResult(path, null, 0, [], [new OfficeFinding(FindingLevel.Error, Path.GetFileName(path), "LibreOffice could not render it.")]));
                continue;
            }

            var findings = new List<OfficeFinding>();
            int pages;
            using (var document = PdfDocument.Open(pdf))
            {
                pages = document.NumberOfPages;
                if (Path.GetExtension(path).Equals(".pptx", StringComparison.OrdinalIgnoreCase))
                {
                    findings.AddRange(RenderedOverflow(bytes, document));
                }
            }

            var thumbnails = await renderer.ThumbnailsAsync(pdf, outputFolder, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (renderer.CanMakeThumbnails && thumbnails.Count != pages)
            {
                findings.Add(new OfficeFinding(FindingLevel.Error, Path.GetFileName(path), $"{pages} pages rendered to PDF but {thumbnails.Count} to images."));
            }

            results.Add(new RenderResult(path, pdf, pages, thumbnails, findings));
        }

        return results;
    }

    /// <summary>
    /// The page each heading landed on in a rendered report, found in order after the table of contents (which
    /// lists them all first); null when one cannot be found.
    /// </summary>
    public static IReadOnlyList<int>? HeadingPages(string pdf, IReadOnlyList<string> headings)
    {
        using var document = PdfDocument.Open(pdf);
        var lines = document.GetPages().Select(p => p.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key).Select(g => Squeeze(string.Concat(g.Select(w => w.Text)))).ToList()).ToList();
        var wanted = headings.Select(Squeeze).ToList();

        // A heading is a whole line (or up to three wrapped lines), not words inside a paragraph.
        bool On(int page, string heading)
        {
            var pageLines = lines[page];
            for (var i = 0; i < pageLines.Count; i++)
            {
                var joined = "";
                for (var j = i; j < Math.Min(i + 3, pageLines.Count) && joined.Length < heading.Length; j++)
                {
                    joined += pageLines[j];
                    if (joined == heading)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // The table of contents lists every heading first: the content starts after the page listing the last one.
        var tocEnd = Enumerable.Range(0, lines.Count).FirstOrDefault(p => lines[p].Any(l => l.StartsWith(wanted[^1], StringComparison.Ordinal)), -1);
        if (tocEnd < 0)
        {
            return null;
        }

        var pages = new List<int>();
        var page = tocEnd + 1;
        foreach (var heading in wanted)
        {
            while (page < lines.Count && !On(page, heading))
            {
                page++;
            }

            if (page >= lines.Count)
            {
                return null;
            }

            pages.Add(page + 1);
        }

        return pages;

        static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
    }

    /// <summary>Text the renderer drew outside every box of its slide: overflow, or a box off the slide.</summary>
    internal static List<OfficeFinding> RenderedOverflow(byte[] pptx, PdfDocument pdf)
    {
        var findings = new List<OfficeFinding>();
        using var stream = new MemoryStream(pptx, writable: false);
        using var deck = PresentationDocument.Open(stream, false);
        var presentation = deck.PresentationPart!;
        var slides = presentation.Presentation!.SlideIdList!.Elements<P.SlideId>().Select(id => (SlidePart)presentation.GetPartById(id.RelationshipId!)).ToList();
        if (slides.Count != pdf.NumberOfPages)
        {
            findings.Add(new OfficeFinding(FindingLevel.Error, "deck", $"{slides.Count} slides rendered as {pdf.NumberOfPages} pages."));
            return findings;
        }

        var slideWidth = presentation.Presentation.SlideSize?.Cx?.Value ?? SlideGeometry.Width;
        for (var i = 0; i < slides.Count; i++)
        {
            var page = pdf.GetPage(i + 1);
            var scale = page.Width / (slideWidth / (double)Box.EmuPerPoint);
            var boxes = slides[i].Slide!.CommonSlideData!.ShapeTree!.Elements().Select(OfficeChecks.BoxOf)
                .Concat(slides[i].SlideLayoutPart?.SlideLayout?.CommonSlideData?.ShapeTree?.Elements<P.Shape>()
                    .Where(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape is null).Select(OfficeChecks.BoxOf) ?? [])
                .OfType<Box>().ToList();
            var stray = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Where(letter =>
            {
                var x = letter.BoundingBox.Centroid.X / scale;
                var y = (page.Height - letter.BoundingBox.Centroid.Y) / scale;
                return !boxes.Any(b => x >= (b.X / (double)Box.EmuPerPoint) - Tolerance && x <= (b.Right / (double)Box.EmuPerPoint) + Tolerance
                    && y >= (b.Y / (double)Box.EmuPerPoint) - Tolerance && y <= (b.Bottom / (double)Box.EmuPerPoint) + Tolerance);
            }).ToList();
            if (stray.Count > 0)
            {
                var text = string.Concat(stray.Take(40).Select(l => l.Value));
                findings.Add(new OfficeFinding(FindingLevel.Error, $"slide {i + 1}", $"rendered text falls outside its box (overflow): \"{text}\"."));
            }
        }

        return findings;
    }
}
