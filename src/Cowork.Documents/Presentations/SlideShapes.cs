using System.Text;
using DocumentFormat.OpenXml.Packaging;

namespace Cowork.Documents;

/// <summary>The shapes of one slide as PresentationML, with ids unique on the slide.</summary>
internal sealed class SlideShapes(SlidePart part)
{
    private readonly StringBuilder _tree = new();
    private int _nextId = 2;

    /// <summary>A text shape: a placeholder when <paramref name="placeholder"/> is given (its ph attributes), else a text box.</summary>
    public void Text(string? placeholder, string name, Box box, IReadOnlyList<ListItem> items, int size, bool bullets,
        bool bold = false, bool italic = false, string? heading = null, string? color = null)
    {
        var id = _nextId++;
        var paragraphs = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(heading))
        {
            paragraphs.Append("<a:p><a:pPr marL=\"0\" indent=\"0\"><a:spcBef><a:spcPts val=\"0\"/></a:spcBef><a:buNone/></a:pPr>")
                .Append(Runs(InlineText.Parse(heading), size, bold: true, italic: false, Palette.Accents[0])).Append("</a:p>");
        }

        foreach (var item in items)
        {
            var level = Math.Min(item.Level, 3);
            var itemSize = bullets ? SlideFitter.LevelSize(size, item.Level) : size;
            var gap = (int)Math.Round(TextMeasure.ParagraphGap * itemSize * 100);
            paragraphs.Append("<a:p><a:pPr").Append(level > 0 ? $" lvl=\"{level}\"" : "")
                .Append(bullets ? ">" : " marL=\"0\" indent=\"0\">")
                .Append(bullets ? $"<a:spcBef><a:spcPts val=\"{gap}\"/></a:spcBef>" : "<a:spcBef><a:spcPts val=\"0\"/></a:spcBef><a:buNone/>")
                .Append("</a:pPr>")
                .Append(Runs(InlineText.Parse(item.Text), itemSize, bold, italic, color))
                .Append("</a:p>");
        }

        var nv = placeholder is null
            ? $"<p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>"
            : $"<p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph {placeholder}/></p:nvPr></p:nvSpPr>";
        _tree.Append("<p:sp>").Append(nv).Append("<p:spPr>").Append(box.Xfrm()).Append("<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>")
            .Append(placeholder is null ? "<a:noFill/>" : "").Append("</p:spPr><p:txBody>")
            .Append($"<a:bodyPr wrap=\"square\" lIns=\"{SlideGeometry.InsetX}\" tIns=\"{SlideGeometry.InsetY}\" rIns=\"{SlideGeometry.InsetX}\" bIns=\"{SlideGeometry.InsetY}\"><a:noAutofit/></a:bodyPr>")
            .Append("<a:lstStyle/>").Append(paragraphs).Append("</p:txBody></p:sp>");
    }

    /// <summary>A filled rectangle: a designed element of the slide.</summary>
    public void Rectangle(string name, Box box, string color)
    {
        var id = _nextId++;
        _tree.Append($"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{box.Xfrm()}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>")
            .Append($"<a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>");
    }

    public void SlideNumber()
    {
        var id = _nextId++;
        _tree.Append($"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Slide Number {id}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldNum\" sz=\"quarter\" idx=\"12\"/></p:nvPr></p:nvSpPr>")
            .Append($"<p:spPr>{SlideGeometry.SlideNumber.Xfrm()}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn=\"r\"/><a:fld id=\"{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}\" type=\"slidenum\">")
            .Append("<a:rPr lang=\"en-US\" sz=\"1100\"><a:solidFill><a:srgbClr val=\"").Append(Palette.Muted).Append("\"/></a:solidFill><a:latin typeface=\"").Append(Palette.Font)
            .Append("\"/></a:rPr><a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>");
    }

    public void Chart(string relationshipId, Box box, string alt)
    {
        var id = _nextId++;
        _tree.Append(Frame(id, $"Chart {id}", alt, box))
            .Append($"<a:graphic><a:graphicData uri=\"{NativeChart.GraphicDataUri}\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"{relationshipId}\"/></a:graphicData></a:graphic></p:graphicFrame>");
    }

    public void Picture(string relationshipId, Box box, string alt)
    {
        var id = _nextId++;
        _tree.Append($"<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Picture {id}\" descr=\"{Xml.Escape(alt)}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>")
            .Append($"<p:blipFill><a:blip r:embed=\"{relationshipId}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>")
            .Append($"<p:spPr>{box.Xfrm()}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>");
    }

    public void Table(Box box, IReadOnlyList<string> columns, IReadOnlyList<List<string>> rows, long[] widths, int size, string alt)
    {
        var id = _nextId++;
        var height = TableLayout.Height(columns, rows, widths, size);
        _tree.Append(Frame(id, $"Table {id}", alt, box with { Height = height }))
            .Append("<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\" bandRow=\"1\"/><a:tblGrid>");
        foreach (var width in widths)
        {
            _tree.Append($"<a:gridCol w=\"{width}\"/>");
        }

        _tree.Append("</a:tblGrid>");
        Row(columns, widths, size, header: true, band: false);
        for (var r = 0; r < rows.Count; r++)
        {
            Row(rows[r], widths, size, header: false, band: r % 2 == 1);
        }

        _tree.Append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    }

    public string SlideXml(LayoutKind layout) =>
        $"<p:sld {DeckTemplate.Ns}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>" +
        "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>" +
        $"{_tree}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>";

    private void Row(IReadOnlyList<string> cells, long[] widths, int size, bool header, bool band)
    {
        _tree.Append($"<a:tr h=\"{TableLayout.RowHeight(cells, widths, size, header)}\">");
        var fill = header ? Palette.Dark : band ? Palette.Subtle : Palette.Light;
        foreach (var cell in cells)
        {
            _tree.Append("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p>")
                .Append(Runs(InlineText.Parse(cell), size, header, italic: false, header ? Palette.Light : Palette.Text))
                .Append($"<a:endParaRPr lang=\"en-US\" sz=\"{size * 100}\"/></a:p></a:txBody>")
                .Append($"<a:tcPr marL=\"{TableLayout.CellMarginX}\" marR=\"{TableLayout.CellMarginX}\" marT=\"{TableLayout.CellMarginY}\" marB=\"{TableLayout.CellMarginY}\" anchor=\"ctr\">")
                .Append("<a:lnL w=\"0\"><a:noFill/></a:lnL><a:lnR w=\"0\"><a:noFill/></a:lnR><a:lnT w=\"0\"><a:noFill/></a:lnT>")
                .Append($"<a:lnB w=\"9525\"><a:solidFill><a:srgbClr val=\"{Palette.Rule}\"/></a:solidFill></a:lnB>")
                .Append($"<a:solidFill><a:srgbClr val=\"{fill}\"/></a:solidFill></a:tcPr></a:tc>");
        }

        _tree.Append("</a:tr>");
    }

    private static string Frame(int id, string name, string alt, Box box) =>
        $"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"{name}\" descr=\"{Xml.Escape(alt)}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>" +
        $"<p:xfrm><a:off x=\"{box.X}\" y=\"{box.Y}\"/><a:ext cx=\"{box.Width}\" cy=\"{box.Height}\"/></p:xfrm>";

    private string Runs(IReadOnlyList<TextSpan> spans, int size, bool bold, bool italic, string? color)
    {
        var runs = new StringBuilder();
        foreach (var span in spans)
        {
            var b = bold || span.Style.Bold;
            var i = italic || span.Style.Italic;
            runs.Append($"<a:r><a:rPr lang=\"en-US\" sz=\"{size * 100}\"").Append(b ? " b=\"1\"" : "").Append(i ? " i=\"1\"" : "")
                .Append(span.Style.Strike ? " strike=\"sngStrike\"" : "").Append(" dirty=\"0\">");
            var link = span.Style.Link is { } target && Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" ? uri : null;
            if (link is not null)
            {
                runs.Append($"<a:solidFill><a:srgbClr val=\"{Palette.Hyperlink}\"/></a:solidFill>");
            }
            else if (color is not null)
            {
                runs.Append($"<a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill>");
            }

            if (span.Style.Code)
            {
                runs.Append($"<a:latin typeface=\"{Palette.MonoFont}\"/>");
            }

            if (link is not null)
            {
                runs.Append($"<a:hlinkClick r:id=\"{part.AddHyperlinkRelationship(link, true).Id}\"/>");
            }

            runs.Append("</a:rPr><a:t>").Append(Xml.Escape(span.Text)).Append("</a:t></a:r>");
        }

        return runs.ToString();
    }
}
