using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Cowork.Documents;

/// <summary>
/// Checks a .docx or .pptx before it is delivered: the Open XML validator, then what the validator cannot see —
/// the quality bars (outline levels, a TOC, real lists, header rows, alt text, page numbers; slide title and body
/// sizes, margins, a visual element, text that fits its box, measured with the template's font metrics).
/// </summary>
internal static class OfficeChecks
{
    private const int MaxValidatorErrors = 20;

    public static List<OfficeFinding> Validate(OpenXmlPackage package)
    {
        var validator = new OpenXmlValidator(FileFormatVersions.Office2019);
        return validator.Validate(package).Take(MaxValidatorErrors)
            .Select(e => new OfficeFinding(FindingLevel.Error, e.Part?.Uri.ToString() ?? "package", $"Open XML validator: {e.Description} ({e.Path?.XPath})"))
            .ToList();
    }

    public static List<OfficeFinding> CheckDocx(WordprocessingDocument document)
    {
        var findings = Validate(document);
        var main = document.MainDocumentPart;
        var body = main?.Document?.Body;
        if (main is null || body is null)
        {
            findings.Add(new OfficeFinding(FindingLevel.Error, "document", "has no body."));
            return findings;
        }

        var styles = main.StyleDefinitionsPart?.Styles?.Elements<W.Style>().ToDictionary(s => s.StyleId?.Value ?? "", StringComparer.Ordinal) ?? [];
        var headingStyles = body.Descendants<W.Paragraph>().Select(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value)
            .Where(s => s is not null && s.StartsWith("Heading", StringComparison.Ordinal)).Distinct().ToList();
        foreach (var style in headingStyles)
        {
            if (!styles.TryGetValue(style!, out var definition) || definition.StyleParagraphProperties?.OutlineLevel is null)
            {
                findings.Add(new OfficeFinding(FindingLevel.Error, $"style {style}", "a heading style has no outline level, so it is missing from the navigation pane and the TOC."));
            }
        }

        if (headingStyles.Count > 0 && !body.Descendants<W.FieldCode>().Any(f => f.Text.TrimStart().StartsWith("TOC", StringComparison.OrdinalIgnoreCase))
            && !body.Descendants<W.SimpleField>().Any(f => f.Instruction?.Value?.TrimStart().StartsWith("TOC", StringComparison.OrdinalIgnoreCase) == true))
        {
            findings.Add(new OfficeFinding(FindingLevel.Warning, "document", "has headings but no table of contents field."));
        }

        var number = 0;
        foreach (var paragraph in body.Descendants<W.Paragraph>())
        {
            number++;
            var text = paragraph.InnerText.TrimStart();
            if (paragraph.ParagraphProperties?.NumberingProperties is null && text.Length > 1 && text[0] is '•' or '·' or '▪' or '◦' or '‣' && text[1] == ' ')
            {
                findings.Add(new OfficeFinding(FindingLevel.Error, $"paragraph {number}", $"a typed bullet character instead of a list (\"{Short(text)}\")."));
            }
        }

        var tableNumber = 0;
        foreach (var table in body.Descendants<W.Table>())
        {
            tableNumber++;
            if (table.Elements<W.TableRow>().FirstOrDefault()?.TableRowProperties?.GetFirstChild<W.TableHeader>() is null)
            {
                findings.Add(new OfficeFinding(FindingLevel.Warning, $"table {tableNumber}", "its first row is not marked as a header row (it does not repeat across pages and screen readers miss it)."));
            }
        }

        foreach (var drawing in body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>())
        {
            if (string.IsNullOrWhiteSpace(drawing.Description?.Value))
            {
                findings.Add(new OfficeFinding(FindingLevel.Error, drawing.Name?.Value ?? "a drawing", "has no alt text."));
            }
        }

        var section = body.Elements<W.SectionProperties>().LastOrDefault();
        if (section?.GetFirstChild<W.PageSize>() is null)
        {
            findings.Add(new OfficeFinding(FindingLevel.Warning, "document", "has no page size."));
        }

        var hasPageNumbers = main.FooterParts.Concat<OpenXmlPart>(main.HeaderParts).Any(p =>
            p.RootElement?.Descendants<W.SimpleField>().Any(f => f.Instruction?.Value?.Contains("PAGE", StringComparison.Ordinal) == true) == true
            || p.RootElement?.Descendants<W.FieldCode>().Any(f => f.Text.Contains("PAGE", StringComparison.Ordinal)) == true);
        if (!hasPageNumbers)
        {
            findings.Add(new OfficeFinding(FindingLevel.Warning, "document", "has no page numbers in its header or footer."));
        }

        return findings;
    }

    public static List<OfficeFinding> CheckPptx(PresentationDocument document)
    {
        var findings = Validate(document);
        var presentation = document.PresentationPart;
        var ids = presentation?.Presentation?.SlideIdList?.Elements<P.SlideId>().ToList() ?? [];
        if (presentation is null || ids.Count == 0)
        {
            findings.Add(new OfficeFinding(FindingLevel.Error, "deck", "has no slides."));
            return findings;
        }

        var size = presentation.Presentation!.SlideSize;
        var (width, height) = (size?.Cx?.Value ?? SlideGeometry.Width, size?.Cy?.Value ?? SlideGeometry.Height);
        for (var i = 0; i < ids.Count; i++)
        {
            var where = $"slide {i + 1}";
            if (presentation.GetPartById(ids[i].RelationshipId!) is not SlidePart slide || slide.Slide?.CommonSlideData?.ShapeTree is not { } tree)
            {
                findings.Add(new OfficeFinding(FindingLevel.Error, where, "cannot be read."));
                continue;
            }

            var visual = slide.SlideLayoutPart?.SlideLayout?.CommonSlideData?.Background is not null;
            foreach (var element in tree.Elements())
            {
                var box = BoxOf(element);
                if (box is { } inside && (inside.X < SlideGeometry.MinMargin - 1 || inside.Y < SlideGeometry.MinMargin - 1
                    || inside.Right > width - SlideGeometry.MinMargin + 1 || inside.Bottom > height - SlideGeometry.MinMargin + 1))
                {
                    findings.Add(new OfficeFinding(FindingLevel.Warning, where, $"\"{NameOf(element)}\" reaches into the 0.5 in margin."));
                }

                switch (element)
                {
                    case P.Picture picture:
                        visual = true;
                        if (string.IsNullOrWhiteSpace(picture.NonVisualPictureProperties?.NonVisualDrawingProperties?.Description?.Value))
                        {
                            findings.Add(new OfficeFinding(FindingLevel.Error, where, $"picture \"{NameOf(element)}\" has no alt text."));
                        }

                        break;
                    case P.GraphicFrame frame:
                        visual = true;
                        if (string.IsNullOrWhiteSpace(frame.NonVisualGraphicFrameProperties?.NonVisualDrawingProperties?.Description?.Value))
                        {
                            findings.Add(new OfficeFinding(FindingLevel.Error, where, $"\"{NameOf(element)}\" (a chart or table) has no alt text."));
                        }

                        break;
                    case P.Shape shape:
                        if (shape.TextBody is null || string.IsNullOrWhiteSpace(shape.TextBody.InnerText))
                        {
                            visual |= shape.ShapeProperties?.GetFirstChild<A.SolidFill>() is not null;
                            break;
                        }

                        CheckText(shape, box, where, findings);
                        break;
                }
            }

            if (!visual)
            {
                findings.Add(new OfficeFinding(FindingLevel.Warning, where, "has only text: no chart, picture, table or designed element."));
            }

            foreach (var chart in slide.ChartParts)
            {
                if (!chart.EmbeddedPackagePart?.GetStream().CanRead ?? true)
                {
                    findings.Add(new OfficeFinding(FindingLevel.Warning, where, "a chart has no embedded workbook, so Edit Data does not work."));
                }
            }
        }

        return findings;
    }

    private static void CheckText(P.Shape shape, Box? box, string where, List<OfficeFinding> findings)
    {
        var placeholder = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape;
        if (IsNumber(shape))
        {
            return;
        }

        var isTitle = placeholder?.Type?.Value == P.PlaceholderValues.Title || placeholder?.Type?.Value == P.PlaceholderValues.CenteredTitle;
        var sizes = shape.TextBody!.Descendants<A.RunProperties>().Where(r => r.FontSize is not null).Select(r => r.FontSize!.Value / 100.0).ToList();
        var name = NameOf(shape);
        if (isTitle && sizes.Any(s => s < 36 || s > 44))
        {
            findings.Add(new OfficeFinding(FindingLevel.Warning, where, $"title \"{Short(shape.TextBody.InnerText)}\" is {sizes.Min():0.#} pt; titles are 36-44 pt."));
        }
        else if (!isTitle && sizes.Any(s => s < 14))
        {
            findings.Add(new OfficeFinding(FindingLevel.Warning, where, $"\"{name}\" has {sizes.Min():0.#} pt text; body text is at least 14 pt."));
        }

        if (box is not { } b || sizes.Count == 0 || shape.TextBody.BodyProperties?.GetFirstChild<A.NormalAutoFit>() is not null)
        {
            return;
        }

        // Measure each paragraph at its own size against the box (the slide's sizes are explicit in its runs).
        var paragraphs = new List<MeasuredParagraph>();
        var baseSize = sizes.Max();
        foreach (var paragraph in shape.TextBody.Elements<A.Paragraph>())
        {
            var runs = paragraph.Elements<A.Run>().ToList();
            if (runs.Count == 0)
            {
                continue;
            }

            var size = runs[0].RunProperties?.FontSize?.Value / 100.0 ?? baseSize;
            var bulleted = !isTitle && placeholder is not null && (placeholder.Type is null || placeholder.Type.Value == P.PlaceholderValues.Body)
                && paragraph.ParagraphProperties?.GetFirstChild<A.NoBullet>() is null;
            paragraphs.Add(new MeasuredParagraph(string.Concat(runs.Select(r => r.Text?.Text)), paragraph.ParagraphProperties?.Level?.Value ?? 0,
                runs.Any(r => r.RunProperties?.Bold?.Value == true), size / baseSize, bulleted));
        }

        var (widthPoints, heightPoints) = TextMeasure.Inner(b);
        var needed = TextMeasure.Height(paragraphs, baseSize, widthPoints, isTitle ? 0.9 : 1.0);
        if (needed > heightPoints + 1)
        {
            findings.Add(new OfficeFinding(FindingLevel.Error, where, $"text overflows \"{name}\": it needs {needed:0} pt of height, the box has {heightPoints:0} pt (\"{Short(shape.TextBody.InnerText)}\")."));
        }
    }

    private static bool IsNumber(OpenXmlElement element) =>
        element is P.Shape s && s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value is { } type
        && (type == P.PlaceholderValues.SlideNumber || type == P.PlaceholderValues.Footer || type == P.PlaceholderValues.DateAndTime);

    /// <summary>An element's box on the slide, when it has one of its own.</summary>
    public static Box? BoxOf(OpenXmlElement element)
    {
        var (offset, extents) = element switch
        {
            P.Shape s => (s.ShapeProperties?.Transform2D?.Offset, s.ShapeProperties?.Transform2D?.Extents),
            P.Picture p => (p.ShapeProperties?.Transform2D?.Offset, p.ShapeProperties?.Transform2D?.Extents),
            P.GraphicFrame g => (g.Transform?.Offset, g.Transform?.Extents),
            _ => (null, null),
        };
        return offset?.X is null || offset.Y is null || extents?.Cx is null || extents.Cy is null
            ? null
            : new Box(offset.X.Value, offset.Y.Value, extents.Cx.Value, extents.Cy.Value);
    }

    private static string NameOf(OpenXmlElement element) =>
        element.Descendants<P.NonVisualDrawingProperties>().FirstOrDefault()?.Name?.Value ?? element.LocalName;

    private static string Short(string text) => text.Length > 60 ? text[..57] + "…" : text;
}
