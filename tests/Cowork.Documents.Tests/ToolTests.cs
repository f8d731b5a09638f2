using System.IO.Compression;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Cowork.Documents.Tests;

/// <summary>The tools through a real workspace: writes journaled and reported, paths confined, bad input refused clearly.</summary>
public sealed class ToolTests : IDisposable
{
    private readonly ToolTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private const string Deck = """{"title": "Plan", "slides": [{"layout": "title", "title": "Plan"}, {"layout": "table", "title": "Owners", "columns": ["Task", "Owner"], "rows": [["Ship", "Ana"]]}, {"layout": "bullets", "title": "Next", "bullets": ["Ship it"], "notes": "Say thanks"}]}""";

    [Fact]
    public async Task A_deck_and_a_report_are_written_reported_and_read_back()
    {
        var deck = await _bed.Tools.CreatePresentation(_bed.InFolder("plan.pptx"), Deck);
        var report = await _bed.Tools.CreateDocument(_bed.InFolder("Reports/plan.docx"), markdown: "# Plan\n\n## Owners\n\n| Task | Owner |\n| --- | --- |\n| Ship | Ana |\n\n- first\n- second\n");

        Assert.StartsWith("Wrote ", deck, StringComparison.Ordinal);
        Assert.Contains("validator clean", deck, StringComparison.Ordinal);
        Assert.Contains(DocumentRenderer.MissingNotice, report, StringComparison.Ordinal);
        Assert.Equal(2, _bed.Recorder.Events.OfType<DeliverableAdded>().Count());
        Assert.Equal(2, _bed.Recorder.Events.OfType<FileChanged>().Count(e => e.Change == FileChangeKind.Created && !e.Path.EndsWith("Reports", StringComparison.Ordinal)));

        var slides = _bed.Tools.ReadDocument(_bed.InFolder("plan.pptx"));
        Assert.Contains("3 slides", slides, StringComparison.Ordinal);
        Assert.Contains("| Ship | Ana |", slides, StringComparison.Ordinal);
        Assert.Contains("Notes: Say thanks", slides, StringComparison.Ordinal);
        var text = _bed.Tools.ReadDocument(_bed.InFolder("Reports/plan.docx"));
        Assert.Contains("# Plan", text, StringComparison.Ordinal);
        Assert.Contains("## Owners", text, StringComparison.Ordinal);
        Assert.Contains("- second", text, StringComparison.Ordinal);

        var again = await Assert.ThrowsAsync<ToolException>(() => _bed.Tools.CreatePresentation(_bed.InFolder("plan.pptx"), Deck));
        Assert.Contains("already exists", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_outside_the_grants_are_refused_and_nothing_is_written()
    {
        var outside = Path.Combine(_bed.Outside, "deck.pptx");

        await Assert.ThrowsAsync<ToolException>(() => _bed.Tools.CreatePresentation(outside, Deck));
        await Assert.ThrowsAsync<ToolException>(() => _bed.Tools.CreateDocument(_bed.InFolder("../outside/r.docx"), markdown: "# x"));
        Assert.Throws<ToolException>(() => _bed.Tools.ReadDocument(Path.Combine(_bed.Outside, "x.pdf")));
        var image = await Assert.ThrowsAsync<ToolException>(() => _bed.Tools.CreateDocument(_bed.InFolder("r.docx"), markdown: $"# x\n\n![a plan]({SampleSpecs.Image(Path.Combine(_bed.Outside, "p.png"))})"));
        Assert.Contains("outside the granted folders", image.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_bed.Outside, "*.pptx"));
        Assert.Empty(Directory.GetFileSystemEntries(_bed.Folder));
    }

    [Fact]
    public async Task A_spec_that_fails_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => _bed.Tools.CreatePresentation(_bed.InFolder("bad.pptx"), """{"slides": [{"layout": "chart", "title": "x"}]}"""));

        Assert.Contains("needs chart", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_bed.InFolder("bad.pptx")));
        await Assert.ThrowsAsync<ToolException>(() => _bed.Tools.CreateDocument(_bed.InFolder("bad.txt"), markdown: "# x"));
    }

    [Theory]
    [InlineData("broken.docx")]
    [InlineData("broken.pptx")]
    [InlineData("broken.pdf")]
    public void Corrupt_documents_get_a_clear_error(string name)
    {
        File.WriteAllBytes(_bed.InFolder(name), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0xFF, 0xFE]);

        var error = Assert.Throws<ToolException>(() => _bed.Tools.ReadDocument(_bed.InFolder(name)));
        Assert.Matches("damaged|corrupt|not a valid", error.Message);
    }

    [Fact]
    public void A_zip_that_is_not_a_word_document_is_refused()
    {
        using (var zip = ZipFile.Open(_bed.InFolder("fake.docx"), ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            entry.Write("not a document");
        }

        var error = Assert.Throws<ToolException>(() => _bed.Tools.ReadDocument(_bed.InFolder("fake.docx")));
        Assert.Contains("damaged or not really a .docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_what_really_decompresses()
    {
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[20 * 1024 * 1024]);
        }

        Assert.True(bomb.Length < 100_000, "20 MB of zeros compress to a few KB");
        bomb.Position = 0;
        var error = Assert.Throws<ToolException>(() => SafePackage.Read(bomb, "bomb.docx", maxExpanded: 8 * 1024 * 1024));
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_too_big_to_read_is_refused()
    {
        var error = Assert.Throws<ToolException>(() => SafePackage.ReadBounded(new MemoryStream(new byte[2048]), 1024, "huge.pdf"));
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_is_read_page_by_page_and_checked()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 1; i <= 3; i++)
        {
            builder.AddPage(PageSize.A4).AddText($"Invoice total page {i}", 12, new PdfPoint(50, 700), font);
        }

        File.WriteAllBytes(_bed.InFolder("invoice.pdf"), builder.Build());

        var text = _bed.Tools.ReadDocument(_bed.InFolder("invoice.pdf"), page: 2, page_count: 1);
        Assert.Contains("3 pages", text, StringComparison.Ordinal);
        Assert.Contains("Invoice total page 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("page 1", text, StringComparison.Ordinal);
        Assert.Contains("page=3", text, StringComparison.Ordinal);
        var verified = await new DocumentVerifier(DocumentVerifier.DefaultChecks, LibreOffice.Find())
            .VerifyAsync("invoice.pdf", File.ReadAllBytes(_bed.InFolder("invoice.pdf")), Path.Combine(_bed.InFolder("thumbs")), render: true, CancellationToken.None);
        var report = DocumentVerifier.Report(verified);
        Assert.StartsWith("PASSED", report, StringComparison.Ordinal);
        Assert.Contains("Opened: 3 pages, 3 with text", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_become_a_ready_spec_with_a_suggested_path()
    {
        foreach (var file in Directory.GetFiles(NotesTests.SamplesFolder()))
        {
            File.Copy(file, _bed.InFolder(Path.GetFileName(file)));
        }

        var result = _bed.Tools.SummarizeNotes(_bed.Folder, "report");

        Assert.Contains("6 action items", result, StringComparison.Ordinal);
        Assert.Contains(AuthoringTools.PathMarker + _bed.InFolder("Meeting notes summary report.docx"), result, StringComparison.Ordinal);
        var spec = result[(result.IndexOf('\n', result.IndexOf(AuthoringTools.SpecMarker, StringComparison.Ordinal)) + 1)..];
        var report = SpecJson.Parse<DocumentSpec>(spec, "spec");
        Assert.Contains(report.Blocks, b => b.Type == "table" && b.Columns![1] == "Owner");
        Assert.Throws<ToolException>(() => _bed.Tools.SummarizeNotes(_bed.InFolder("missing.md")));
    }
}
