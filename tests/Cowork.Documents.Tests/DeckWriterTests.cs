using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Cowork.Documents.Tests;

/// <summary>Decks on the built-in template: layouts, native charts with data, notes, fitted text, overflow found.</summary>
public sealed class DeckWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-deck-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_layout_is_written_on_the_template_and_passes_the_checks()
    {
        var (bytes, slides) = DeckWriter.Write(SampleSpecs.Deck(SampleSpecs.Image(Path.Combine(_folder, "plan.png"))), SampleSpecs.Load);

        Assert.Equal(8, slides);
        Assert.Empty(OfficeVerifier.Check(bytes, ".pptx"));
        using var deck = PresentationDocument.Open(new MemoryStream(bytes), false);
        var presentation = deck.PresentationPart!;
        var master = Assert.Single(presentation.SlideMasterParts);
        Assert.Equal(6, master.SlideLayoutParts.Count());
        Assert.NotNull(master.ThemePart);
        Assert.Equal(["Title Slide", "Section Header", "Title and Content", "Two Content", "Title Only", "Quote"],
            master.SlideLayoutParts.Select(l => l.SlideLayout!.CommonSlideData!.Name!.Value).OrderBy(n => Array.IndexOf(["Title Slide", "Section Header", "Title and Content", "Two Content", "Title Only", "Quote"], n)));
        var parts = presentation.Presentation!.SlideIdList!.Elements<P.SlideId>().Select(id => (SlidePart)presentation.GetPartById(id.RelationshipId!)).ToList();
        Assert.Contains("Welcome everyone", parts[0].NotesSlidePart!.NotesSlide!.InnerText, StringComparison.Ordinal);
        var chart = Assert.Single(parts[4].ChartParts);
        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(chart.EmbeddedPackagePart!.GetStream(), false))
        {
            var cells = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.Contains(cells, c => c.CellReference == "B4" && c.CellValue!.Text == "97.6");
        }

        Assert.NotNull(parts[5].ImageParts.SingleOrDefault());
        Assert.Single(parts[6].Slide!.Descendants<A.Table>());
        var titleSizes = parts.Skip(2).Take(5).SelectMany(p => p.Slide!.Descendants<P.Shape>()
            .Where(s => s.NonVisualShapeProperties!.ApplicationNonVisualDrawingProperties!.PlaceholderShape?.Type?.Value == P.PlaceholderValues.Title)
            .SelectMany(s => s.Descendants<A.RunProperties>().Select(r => r.FontSize!.Value / 100))).ToList();
        Assert.All(titleSizes, s => Assert.InRange(s, 36, 44));
    }

    [Fact]
    public void Too_many_bullets_shrink_within_limits_then_continue_on_a_new_slide()
    {
        var bullets = Enumerable.Range(1, 22).Select(i => new ListItem($"Point {i}: the warehouse team reviewed the weekly pick-error report and agreed next steps")).ToList();
        var spec = new DeckSpec { Title = "Long", Slides = [new() { Layout = "bullets", Title = "Weekly review", Bullets = bullets }] };

        var (bytes, slides) = DeckWriter.Write(spec, _ => throw new InvalidOperationException());

        Assert.True(slides >= 2, $"split into {slides} slides");
        Assert.Empty(OfficeVerifier.Check(bytes, ".pptx"));
        using var deck = PresentationDocument.Open(new MemoryStream(bytes), false);
        var texts = deck.PresentationPart!.SlideParts.SelectMany(p => p.Slide!.Descendants<A.Paragraph>().Select(x => x.InnerText)).ToList();
        Assert.All(bullets, b => Assert.Single(texts, t => t == b.Text));
        Assert.Contains(texts, t => t == "Weekly review (continued)");
        var sizes = deck.PresentationPart.SlideParts.SelectMany(p => p.Slide!.Descendants<A.Run>()).Select(r => r.RunProperties!.FontSize!.Value / 100).ToList();
        Assert.All(sizes, s => Assert.True(s >= 14));
    }

    [Fact]
    public void Text_that_would_overflow_its_box_is_found_by_measuring()
    {
        var (bytes, _) = DeckWriter.Write(new DeckSpec { Slides = [new() { Layout = "bullets", Title = "Fine", Bullets = ["One short line", "Another"] }] }, _ => throw new InvalidOperationException());
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var deck = PresentationDocument.Open(stream, true))
        {
            // What a hand-edited deck does: a body text made huge.
            foreach (var run in deck.PresentationPart!.SlideParts.Single().Slide!.Descendants<A.RunProperties>().Where(r => r.FontSize!.Value == 2400))
            {
                run.FontSize = 16000;
            }
        }

        var findings = OfficeVerifier.Check(stream.ToArray(), ".pptx");
        Assert.Contains(findings, f => f.Level == FindingLevel.Error && f.Message.StartsWith("text overflows", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"slides": []}""", "no slides")]
    [InlineData("""{"slides": [{"layout": "hologram", "title": "x"}]}""", "unknown layout")]
    [InlineData("""{"slides": [{"layout": "bullets", "title": "x"}]}""", "needs bullets")]
    [InlineData("""{"slides": [{"layout": "image", "title": "x", "image": "a.png"}]}""", "alt text")]
    [InlineData("""{"slides": [{"layout": "chart", "title": "x", "chart": {"type": "pie", "categories": ["a"], "series": [{"name": "s", "values": [1]}, {"name": "t", "values": [2]}]}}]}""", "exactly one series")]
    [InlineData("""{"slides": [{"layout": "bullets", "title": "An extraordinarily long slide title that goes on and on about the quarterly figures and more", "bullets": ["a"]}]}""", "too long")]
    public void A_bad_deck_spec_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<ToolException>(() => DeckWriter.Write(SpecJson.Parse<DeckSpec>(json, "deck spec"), _ => throw new ToolException("no image")));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
