using Cowork.Tests;

namespace Cowork.Documents.Tests;

/// <summary>The sample deck and report rendered by LibreOffice on every page, in one launch.</summary>
public sealed class RenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-render-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public async Task Deck_and_report_render_on_every_page_without_overflow()
    {
        ExternalTool.Require("soffice", "libreoffice-impress");
        ExternalTool.Require("pdftoppm", "poppler-utils");
        var image = SampleSpecs.Image(Path.Combine(_folder, "plan.png"));
        var (deck, slides) = DeckWriter.Write(SampleSpecs.Deck(image), SampleSpecs.Load);
        var report = WordWriter.Write(SampleSpecs.Report(image), SampleSpecs.Load);

        Assert.Empty(OfficeVerifier.Check(deck, ".pptx"));
        Assert.Empty(OfficeVerifier.Check(report, ".docx"));
        var results = await OfficeVerifier.RenderAsync(DocumentRenderer.Default, [("review.pptx", deck), ("review.docx", report)], Path.Combine(_folder, "render"));

        var deckResult = results[0];
        Assert.Equal(slides, deckResult.Pages);
        Assert.Equal(slides, deckResult.Thumbnails.Count);
        Assert.Empty(deckResult.Findings);
        Assert.True(results[1].Pages >= 3, $"the report renders a title page and its content ({results[1].Pages} pages)");
        Assert.Equal(results[1].Pages, results[1].Thumbnails.Count);
        Assert.Empty(results[1].Findings);
        Assert.All(deckResult.Thumbnails.Concat(results[1].Thumbnails), png => Assert.True(new FileInfo(png).Length > 1000));

        // verify_document runs the same checks on a deck, the rendered-slide overflow check included.
        var verified = await new DocumentVerifier(DocumentVerifier.DefaultChecks, LibreOffice.Find())
            .VerifyAsync("review.pptx", deck, Path.Combine(_folder, "verify"), render: true, CancellationToken.None);
        var verdict = DocumentVerifier.Report(verified);
        Assert.StartsWith("PASSED", verdict, StringComparison.Ordinal);
        Assert.Contains($"{slides} slides rendered, no text outside its box", verdict, StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("COWORK_KEEP_RENDERS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (var file in Directory.GetFiles(Path.Combine(_folder, "render")))
            {
                File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
            }
        }
    }
}
