using System.Text;
using DocumentFormat.OpenXml.Packaging;

namespace Cowork.Documents;

/// <summary>
/// The built-in deck template, written into each new deck: a theme with one palette and one font, a slide master
/// with the text styles (real bullets), and the layouts slides use (title, section, title and content, two content,
/// title only, quote), plus a notes master for speaker notes.
/// </summary>
internal static class DeckTemplate
{
    public const string Ns =
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " +
        "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

    /// <summary>The layouts, in the master's order; slides find theirs by <see cref="LayoutKind"/>.</summary>
    public static readonly LayoutKind[] Layouts = [LayoutKind.Title, LayoutKind.Section, LayoutKind.Content, LayoutKind.TwoContent, LayoutKind.TitleOnly, LayoutKind.Quote];

    public static void Feed(OpenXmlPart part, string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        part.FeedData(stream);
    }

    public static string ThemeXml(string name)
    {
        var accents = string.Concat(Palette.Accents.Select((c, i) => $"<a:accent{i + 1}><a:srgbClr val=\"{c}\"/></a:accent{i + 1}>"));
        var fonts = $"<a:latin typeface=\"{Palette.Font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>";
        return $"<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"{name}\"><a:themeElements>" +
            $"<a:clrScheme name=\"Cowork\"><a:dk1><a:srgbClr val=\"{Palette.Text}\"/></a:dk1><a:lt1><a:srgbClr val=\"{Palette.Light}\"/></a:lt1>" +
            $"<a:dk2><a:srgbClr val=\"{Palette.Dark}\"/></a:dk2><a:lt2><a:srgbClr val=\"{Palette.Subtle}\"/></a:lt2>{accents}" +
            $"<a:hlink><a:srgbClr val=\"{Palette.Hyperlink}\"/></a:hlink><a:folHlink><a:srgbClr val=\"{Palette.Accents[4]}\"/></a:folHlink></a:clrScheme>" +
            $"<a:fontScheme name=\"Cowork\"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>" +
            "<a:fmtScheme name=\"Cowork\"><a:fillStyleLst>" +
            "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:tint val=\"50000\"/></a:schemeClr></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:shade val=\"80000\"/></a:schemeClr></a:solidFill>" +
            "</a:fillStyleLst><a:lnStyleLst>" +
            "<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"28575\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>" +
            "</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>" +
            "<a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:tint val=\"95000\"/></a:schemeClr></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"><a:shade val=\"90000\"/></a:schemeClr></a:solidFill></a:bgFillStyleLst>" +
            "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>";
    }

    private const string ClrMap = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

    private const string GroupProperties =
        "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

    public static string MasterXml(IReadOnlyList<string> layoutIds)
    {
        var ids = string.Concat(layoutIds.Select((id, i) => $"<p:sldLayoutId id=\"{2147483649u + (uint)i}\" r:id=\"{id}\"/>"));
        static string Level(int level, int size, string bullet, double marginInches, int before) =>
            $"<a:lvl{level}pPr marL=\"{(long)(marginInches * Box.EmuPerInch)}\" indent=\"-{(long)(0.3 * Box.EmuPerInch)}\" algn=\"l\"><a:lnSpc><a:spcPct val=\"100000\"/></a:lnSpc>" +
            $"<a:spcBef><a:spcPts val=\"{before}\"/></a:spcBef><a:buClr><a:schemeClr val=\"accent1\"/></a:buClr><a:buFont typeface=\"{Palette.Font}\"/><a:buChar char=\"{bullet}\"/>" +
            $"<a:defRPr sz=\"{size * 100}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl{level}pPr>";
        return $"<p:sldMaster {Ns}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{GroupProperties}" +
            Placeholder(2, "Title Placeholder 1", "type=\"title\"", SlideGeometry.Title, "b", "") +
            Placeholder(3, "Text Placeholder 2", "type=\"body\" idx=\"1\"", SlideGeometry.Body, "t", "") +
            Placeholder(4, "Slide Number Placeholder 3", "type=\"sldNum\" sz=\"quarter\" idx=\"12\"", SlideGeometry.SlideNumber, "ctr",
                "<a:lvl1pPr algn=\"r\"><a:defRPr sz=\"1100\"><a:solidFill><a:srgbClr val=\"" + Palette.Muted + "\"/></a:solidFill></a:defRPr></a:lvl1pPr>",
                "<a:fld id=\"{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}\" type=\"slidenum\"><a:rPr lang=\"en-US\"/><a:t>‹#›</a:t></a:fld>") +
            $"</p:spTree></p:cSld>{ClrMap}<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>" +
            "<p:txStyles><p:titleStyle><a:lvl1pPr algn=\"l\"><a:lnSpc><a:spcPct val=\"90000\"/></a:lnSpc><a:spcBef><a:spcPct val=\"0\"/></a:spcBef><a:buNone/>" +
            $"<a:defRPr sz=\"{SlideGeometry.TitleSize * 100}\" b=\"1\"><a:solidFill><a:schemeClr val=\"tx2\"/></a:solidFill><a:latin typeface=\"+mj-lt\"/></a:defRPr></a:lvl1pPr></p:titleStyle>" +
            "<p:bodyStyle>" + Level(1, 24, "\u2022", 0.3, 1000) + Level(2, 20, "\u2013", 0.65, 400) + Level(3, 18, "\u2022", 1.0, 300) + Level(4, 16, "\u2013", 1.35, 300) + "</p:bodyStyle>" +
            "<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>";
    }

    public static string LayoutXml(LayoutKind kind)
    {
        var (type, name) = kind switch
        {
            LayoutKind.Title => ("title", "Title Slide"),
            LayoutKind.Section => ("secHead", "Section Header"),
            LayoutKind.Content => ("obj", "Title and Content"),
            LayoutKind.TwoContent => ("twoObj", "Two Content"),
            LayoutKind.TitleOnly => ("titleOnly", "Title Only"),
            _ => ("cust", "Quote"),
        };
        var white = $"<a:solidFill><a:srgbClr val=\"{Palette.Light}\"/></a:solidFill>";
        var shapes = kind switch
        {
            LayoutKind.Title =>
                Placeholder(2, "Title 1", "type=\"ctrTitle\"", SlideGeometry.CoverTitle, "b", $"<a:lvl1pPr><a:defRPr sz=\"4400\">{white}</a:defRPr></a:lvl1pPr>") +
                Decoration(3, "Rule", SlideGeometry.CoverRule, Palette.Accents[1]) +
                Placeholder(4, "Subtitle 2", "type=\"subTitle\" idx=\"1\"", SlideGeometry.CoverSubtitle, "t",
                    $"<a:lvl1pPr marL=\"0\" indent=\"0\"><a:buNone/><a:defRPr sz=\"2000\"><a:solidFill><a:srgbClr val=\"C9D6EA\"/></a:solidFill></a:defRPr></a:lvl1pPr>"),
            LayoutKind.Section =>
                Placeholder(2, "Title 1", "type=\"title\"", SlideGeometry.CoverTitle, "b", $"<a:lvl1pPr><a:defRPr sz=\"4000\">{white}</a:defRPr></a:lvl1pPr>") +
                Decoration(3, "Rule", SlideGeometry.CoverRule, Palette.Light) +
                Placeholder(4, "Text 2", "type=\"body\" idx=\"1\"", SlideGeometry.CoverSubtitle, "t",
                    $"<a:lvl1pPr marL=\"0\" indent=\"0\"><a:buNone/><a:defRPr sz=\"2000\">{white}</a:defRPr></a:lvl1pPr>"),
            LayoutKind.Content =>
                TitleAndRule() + Placeholder(4, "Content Placeholder 2", "idx=\"1\"", SlideGeometry.BulletBody, "t", "") + Number(5),
            LayoutKind.TwoContent =>
                TitleAndRule() + Placeholder(4, "Content Placeholder 2", "sz=\"half\" idx=\"1\"", SlideGeometry.Left, "t", "") +
                Placeholder(5, "Content Placeholder 3", "sz=\"half\" idx=\"2\"", SlideGeometry.Right, "t", "") + Number(6),
            LayoutKind.TitleOnly => TitleAndRule() + Number(4),
            _ =>
                QuoteMark(2) +
                Placeholder(3, "Quote 1", "type=\"body\" idx=\"1\"", SlideGeometry.QuoteText, "ctr",
                    $"<a:lvl1pPr marL=\"0\" indent=\"0\"><a:buNone/><a:defRPr sz=\"2800\" i=\"1\"><a:solidFill><a:srgbClr val=\"{Palette.Dark}\"/></a:solidFill></a:defRPr></a:lvl1pPr>") +
                Placeholder(4, "Attribution 2", "type=\"body\" idx=\"2\"", SlideGeometry.QuoteBy, "t",
                    $"<a:lvl1pPr marL=\"0\" indent=\"0\"><a:buNone/><a:defRPr sz=\"1800\"><a:solidFill><a:srgbClr val=\"{Palette.Muted}\"/></a:solidFill></a:defRPr></a:lvl1pPr>") +
                Number(5),
        };
        var background = kind switch
        {
            LayoutKind.Title => $"<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"{Palette.Dark}\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>",
            LayoutKind.Section => $"<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"{Palette.Accents[0]}\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>",
            LayoutKind.Quote => $"<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"{Palette.Subtle}\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>",
            _ => "",
        };
        return $"<p:sldLayout {Ns} type=\"{type}\" preserve=\"1\"><p:cSld name=\"{name}\">{background}<p:spTree>{GroupProperties}{shapes}</p:spTree></p:cSld>" +
            "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>";

        static string TitleAndRule() =>
            Placeholder(2, "Title 1", "type=\"title\"", SlideGeometry.Title, "b", "") + Decoration(3, "Rule", SlideGeometry.Rule, Palette.Accents[0]);

        static string Number(int id) =>
            Placeholder(id, "Slide Number", "type=\"sldNum\" sz=\"quarter\" idx=\"12\"", SlideGeometry.SlideNumber, "ctr", "",
                "<a:fld id=\"{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}\" type=\"slidenum\"><a:rPr lang=\"en-US\"/><a:t>‹#›</a:t></a:fld>");
    }

    public static string NotesMasterXml() =>
        $"<p:notesMaster {Ns}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>{GroupProperties}" +
        Placeholder(2, "Slide Image Placeholder 1", "type=\"sldImg\" idx=\"2\"", new Box(685800, 1143000, 5486400, 3086100), "t", "", "", noText: true) +
        Placeholder(3, "Notes Placeholder 2", "type=\"body\" sz=\"quarter\" idx=\"3\"", new Box(685800, 4400550, 5486400, 3600450), "t", "") +
        $"</p:spTree></p:cSld>{ClrMap}<p:notesStyle><a:lvl1pPr marL=\"0\" algn=\"l\"><a:defRPr sz=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>" +
        "<a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>";

    /// <summary>A placeholder shape with its box, anchor and list style.</summary>
    public static string Placeholder(int id, string name, string ph, Box box, string anchor, string listStyle, string paragraph = "", bool noText = false) =>
        $"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>" +
        $"<p:spPr>{box.Xfrm()}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>" +
        (noText ? "" : $"<p:txBody><a:bodyPr vert=\"horz\" wrap=\"square\" lIns=\"{SlideGeometry.InsetX}\" tIns=\"{SlideGeometry.InsetY}\" rIns=\"{SlideGeometry.InsetX}\" bIns=\"{SlideGeometry.InsetY}\" anchor=\"{anchor}\"><a:noAutofit/></a:bodyPr>" +
            $"<a:lstStyle>{listStyle}</a:lstStyle><a:p>{paragraph}<a:endParaRPr lang=\"en-US\"/></a:p></p:txBody>") + "</p:sp>";

    /// <summary>A large opening quotation mark in the accent color.</summary>
    private static string QuoteMark(int id) =>
        $"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Quote Mark\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr userDrawn=\"1\"/></p:nvSpPr><p:spPr>{SlideGeometry.QuoteMark.Xfrm()}" +
        "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"t\"><a:noAutofit/></a:bodyPr><a:lstStyle/>" +
        $"<a:p><a:r><a:rPr lang=\"en-US\" sz=\"16600\" b=\"1\"><a:solidFill><a:srgbClr val=\"{Palette.Accents[0]}\"/></a:solidFill><a:latin typeface=\"{Palette.Font}\"/></a:rPr><a:t>\u201C</a:t></a:r></a:p></p:txBody></p:sp>";

    /// <summary>A filled rectangle with no text: the template's accents.</summary>
    public static string Decoration(int id, string name, Box box, string color) =>
        $"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr/><p:nvPr userDrawn=\"1\"/></p:nvSpPr><p:spPr>{box.Xfrm()}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>" +
        $"<a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>";
}
