using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using A = DocumentFormat.OpenXml.Drawing;
using M = DocumentFormat.OpenXml.Math;
using P = DocumentFormat.OpenXml.Presentation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Cowork.Documents;

/// <summary>
/// Text, tables and formulas out of .docx, .pptx and .pdf files, as Markdown-like text in pages (a PDF page, a
/// slide, or about <see cref="PageChars"/> characters of a Word document), so the agent can work from them.
/// </summary>
internal static class DocumentReader
{
    public const int PageChars = 12_000;
    public const int MaxPagesPerCall = 20;

    /// <summary>The document's pages as text.</summary>
    /// <exception cref="ToolException">Not a readable document: corrupt, encrypted, too big, or another format.</exception>
    public static IReadOnlyList<string> Pages(byte[] bytes, string name)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".docx" or ".docm" => Split(Word(bytes, name)),
                ".pptx" or ".pptm" => Slides(bytes),
                ".pdf" => Pdf(bytes, name),
                _ => throw new ToolException($"{name} is not a .docx, .pptx or .pdf file; read it with read_file."),
            };
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or InvalidOperationException or NotSupportedException)
        {
            throw new ToolException($"{name} is damaged or not really a {extension} file, so it cannot be read ({ex.GetType().Name}).");
        }
    }

    private static string Word(byte[] bytes, string name)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), false);
        var body = document.MainDocumentPart?.Document?.Body ?? throw new ToolException($"{name} is damaged or not really a .docx file: it has no document body.");
        var styles = document.MainDocumentPart!.StyleDefinitionsPart?.Styles?.Elements<W.Style>()
            .ToDictionary(s => s.StyleId?.Value ?? "", s => s, StringComparer.Ordinal) ?? [];
        var text = new StringBuilder();
        foreach (var element in body.Elements())
        {
            switch (element)
            {
                case W.Paragraph paragraph:
                    Paragraph(paragraph, styles, text);
                    break;
                case W.Table table:
                    Table(table.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => CellText(c)).ToList()).ToList(), text);
                    break;
                case W.SdtBlock block:
                    foreach (var inner in block.Descendants<W.Paragraph>())
                    {
                        Paragraph(inner, styles, text);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static void Paragraph(W.Paragraph paragraph, Dictionary<string, W.Style> styles, StringBuilder text)
    {
        var content = ParagraphText(paragraph);
        if (content.Length == 0)
        {
            return;
        }

        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var outline = paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value
            ?? (styleId is not null && styles.TryGetValue(styleId, out var style) ? style.StyleParagraphProperties?.OutlineLevel?.Val?.Value : null);
        if (styleId == "Title")
        {
            text.Append("# ").AppendLine(content).AppendLine();
        }
        else if (outline is { } level && level < 6)
        {
            text.Append('#', level + 2).Append(' ').AppendLine(content).AppendLine();
        }
        else if (paragraph.ParagraphProperties?.NumberingProperties is { } numbering)
        {
            var depth = numbering.NumberingLevelReference?.Val?.Value ?? 0;
            text.Append(' ', depth * 2).Append("- ").AppendLine(content);
        }
        else
        {
            text.AppendLine(content).AppendLine();
        }
    }

    /// <summary>A paragraph's text with equations as their linear text in $…$.</summary>
    private static string ParagraphText(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case W.Text t when !t.Ancestors<M.OfficeMath>().Any():
                    text.Append(t.Text);
                    break;
                case W.TabChar when !element.Ancestors<M.OfficeMath>().Any():
                    text.Append('\t');
                    break;
                case M.OfficeMath math when !math.Ancestors<M.OfficeMath>().Any():
                    text.Append(" $").Append(string.Concat(math.Descendants<M.Text>().Select(m => m.Text))).Append("$ ");
                    break;
            }
        }

        return text.ToString().Trim();
    }

    private static string CellText(OpenXmlElement cell) =>
        string.Join(" ", cell.Descendants<W.Paragraph>().Select(ParagraphText).Where(t => t.Length > 0));

    private static void Table(List<List<string>> rows, StringBuilder text)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var width = rows.Max(r => r.Count);
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            text.Append("| ").Append(string.Join(" | ", row.Concat(Enumerable.Repeat("", width - row.Count)).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).AppendLine(" |");
            if (index == 0)
            {
                text.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", width))).AppendLine();
            }
        }

        text.AppendLine();
    }

    private static List<string> Slides(byte[] bytes)
    {
        using var document = PresentationDocument.Open(new MemoryStream(bytes, writable: false), false);
        var presentation = document.PresentationPart ?? throw new ToolException("The file is damaged or not really a .pptx file: it has no slides part.");
        var pages = new List<string>();
        var number = 0;
        foreach (var id in presentation.Presentation?.SlideIdList?.Elements<P.SlideId>() ?? [])
        {
            number++;
            if (presentation.GetPartById(id.RelationshipId!) is not SlidePart slide)
            {
                continue;
            }

            var text = new StringBuilder().Append("## Slide ").Append(number).AppendLine().AppendLine();
            foreach (var element in slide.Slide?.CommonSlideData?.ShapeTree?.Descendants() ?? [])
            {
                switch (element)
                {
                    case P.Shape { TextBody: { } body } shape:
                        var isTitle = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value is { } t
                            && (t == P.PlaceholderValues.Title || t == P.PlaceholderValues.CenteredTitle);
                        foreach (var paragraph in body.Elements<A.Paragraph>())
                        {
                            var line = string.Concat(paragraph.Descendants<A.Text>().Select(x => x.Text)).Trim();
                            if (line.Length > 0 && line != "‹#›")
                            {
                                text.Append(isTitle ? "### " : new string(' ', (paragraph.ParagraphProperties?.Level?.Value ?? 0) * 2) + "- ").AppendLine(line);
                            }
                        }

                        text.AppendLine();
                        break;
                    case A.Table table:
                        Table(table.Elements<A.TableRow>().Select(r => r.Elements<A.TableCell>().Select(c => string.Concat(c.Descendants<A.Text>().Select(x => x.Text))).ToList()).ToList(), text);
                        break;
                    case P.Picture picture when picture.NonVisualPictureProperties?.NonVisualDrawingProperties?.Description?.Value is { Length: > 0 } alt:
                        text.Append("[image: ").Append(alt).AppendLine("]").AppendLine();
                        break;
                }
            }

            foreach (var chart in slide.ChartParts)
            {
                text.Append("[chart: ").Append(string.Join(", ", chart.ChartSpace?.Descendants<DocumentFormat.OpenXml.Drawing.Charts.SeriesText>()
                    .Select(s => string.Concat(s.Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().Select(v => v.Text))) ?? [])).AppendLine("]").AppendLine();
            }

            if (slide.NotesSlidePart?.NotesSlide is { } notes)
            {
                var said = string.Join(" ", notes.Descendants<P.Shape>()
                    .Where(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value == P.PlaceholderValues.Body)
                    .Select(s => string.Concat(s.Descendants<A.Text>().Select(x => x.Text)))).Trim();
                if (said.Length > 0)
                {
                    text.Append("Notes: ").AppendLine(said);
                }
            }

            pages.Add(text.ToString().TrimEnd());
        }

        return pages;
    }

    private static List<string> Pdf(byte[] bytes, string name)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            var pages = new List<string>();
            foreach (var page in document.GetPages())
            {
                var words = page.GetWords().ToList();
                var text = new StringBuilder();
                double? lastY = null;
                foreach (var word in words)
                {
                    if (lastY is { } y && Math.Abs(word.BoundingBox.Bottom - y) > 2)
                    {
                        text.AppendLine();
                    }
                    else if (lastY is not null)
                    {
                        text.Append(' ');
                    }

                    text.Append(word.Text);
                    lastY = word.BoundingBox.Bottom;
                }

                pages.Add(text.ToString());
            }

            return pages;
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new ToolException($"{name} is encrypted (password-protected); Cowork cannot read it. Ask for an unprotected copy.");
        }
        catch (Exception ex) when (ex is not (ToolException or OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig reports a damaged file with many exception types; each means the same to the person.
            throw new ToolException($"{name} is damaged or not really a PDF, so it cannot be read.");
        }
    }

    /// <summary>Cuts long text into pages at paragraph breaks.</summary>
    private static List<string> Split(string text)
    {
        var pages = new List<string>();
        var current = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n"))
        {
            if (current.Length > 0 && current.Length + paragraph.Length > PageChars)
            {
                pages.Add(current.ToString().TrimEnd());
                current.Clear();
            }

            for (var start = 0; start < paragraph.Length; start += PageChars)
            {
                current.Append(paragraph.AsSpan(start, Math.Min(PageChars, paragraph.Length - start)));
                if (current.Length >= PageChars)
                {
                    pages.Add(current.ToString());
                    current.Clear();
                }
            }

            current.Append("\n\n");
        }

        if (current.ToString().Trim().Length > 0)
        {
            pages.Add(current.ToString().TrimEnd());
        }

        return pages.Count == 0 ? [""] : pages;
    }
}
