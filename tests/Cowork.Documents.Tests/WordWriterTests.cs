using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Cowork.Documents.Tests;

/// <summary>Reports meet the bars: outline levels, a TOC field, real lists, header rows, alt text, page numbers, page size.</summary>
public sealed class WordWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-word-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_report_from_a_spec_has_the_structure_a_professional_expects()
    {
        var image = SampleSpecs.Image(Path.Combine(_folder, "plan.png"));
        var bytes = WordWriter.Write(SampleSpecs.Report(image), SampleSpecs.Load);

        Assert.Empty(OfficeVerifier.Check(bytes, ".docx"));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = document.MainDocumentPart!;
        var body = main.Document!.Body!;
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<W.Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(1, styles["Heading2"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Contains(body.Descendants<W.FieldCode>(), f => f.Text.Contains("TOC \\o", StringComparison.Ordinal));
        var listed = body.Descendants<W.Paragraph>().Where(p => p.ParagraphProperties?.NumberingProperties is not null).ToList();
        Assert.Equal(6, listed.Count);
        Assert.DoesNotContain(body.Descendants<W.Paragraph>(), p => p.InnerText.TrimStart().StartsWith('•'));
        Assert.Contains(listed, p => p.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value == 1);
        var numbering = main.NumberingDefinitionsPart!.Numbering!;
        Assert.Contains(numbering.Descendants<W.NumberingFormat>(), f => f.Val!.Value == W.NumberFormatValues.Decimal);
        Assert.NotNull(body.Descendants<W.TableRow>().First().TableRowProperties!.GetFirstChild<W.TableHeader>());
        Assert.All(body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>(), d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
        Assert.Single(main.ChartParts);
        Assert.NotNull(main.ChartParts.Single().EmbeddedPackagePart);
        Assert.Single(main.ImageParts);
        Assert.Contains(main.HyperlinkRelationships, h => h.Uri.ToString() == "https://example.com/routing");
        Assert.Contains(main.FooterParts, f => f.Footer!.Descendants<W.SimpleField>().Any(s => s.Instruction!.Value!.Contains("PAGE", StringComparison.Ordinal)));
        Assert.Equal(11906u, body.Elements<W.SectionProperties>().Single().GetFirstChild<W.PageSize>()!.Width!.Value);
        Assert.Contains(body.Descendants<W.Run>(), r => r.RunProperties?.Bold is not null && r.InnerText == "96.2%");
    }

    [Fact]
    public void Markdown_becomes_the_same_structure()
    {
        const string markdown = """
            # Trip report

            ## Findings

            The site is **ready**; see [the plan](https://example.com/plan).

            - Power is in
              - Backup generator tested
            - Network is *not* in

            1. Order racks
            2. Book movers

            | Item | Cost |
            | --- | --- |
            | Racks | 4,200 |

            > Ship it.
            """;
        var spec = MarkdownDocument.Parse(markdown);

        Assert.Equal("Trip report", spec.Title);
        Assert.Equal(["heading", "paragraph", "bullets", "numbered", "table", "quote"], spec.Blocks.Select(b => b.Type));
        Assert.Equal(1, spec.Blocks[0].Level);
        Assert.Equal([0, 1, 0], spec.Blocks[2].Items!.Select(i => i.Level));
        Assert.Equal(["Racks", "4,200"], spec.Blocks[4].Rows![0]);
        var bytes = WordWriter.Write(spec, _ => throw new InvalidOperationException("no images"));
        Assert.Empty(OfficeVerifier.Check(bytes, ".docx"));
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Contains(document.MainDocumentPart!.HyperlinkRelationships, h => h.Uri.Host == "example.com");
    }

    [Theory]
    [InlineData("""{"title": "T", "blocks": [{"type": "sparkles"}]}""", "unknown block type")]
    [InlineData("""{"title": "T", "blocks": [{"type": "image", "path": "x.png"}]}""", "alt text")]
    [InlineData("""{"title": "T", "blocks": [{"type": "table", "columns": ["a"], "rows": [["1", "2"]]}]}""", "2 cells for 1 columns")]
    [InlineData("""{"title": "T", "blocks": [{"type": "chart", "chart": {"categories": ["a", "b"], "series": [{"name": "s", "values": [1]}]}}]}""", "1 values for 2 categories")]
    [InlineData("""{"title": "T", "page_size": "A0"}""", "page_size")]
    [InlineData("""{"title": 5""", "not valid JSON")]
    public void A_bad_spec_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<ToolException>(() => WordWriter.Write(SpecJson.Parse<DocumentSpec>(json, "document spec"), _ => throw new ToolException("no image")));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_bullets_and_missing_alt_text_in_a_user_document_are_found()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new W.Document(new W.Body(new W.Paragraph(new W.Run(new W.Text("• a typed bullet")))));
        }

        var findings = OfficeVerifier.Check(stream.ToArray(), ".docx");
        Assert.Contains(findings, f => f.Level == FindingLevel.Error && f.Message.Contains("typed bullet", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("page numbers", StringComparison.Ordinal));
    }
}
