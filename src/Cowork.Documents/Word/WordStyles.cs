namespace Cowork.Documents;

/// <summary>The report's styles and list definitions: Title, Subtitle, Heading 1-3 with outline levels, TOC levels, tables.</summary>
internal static class WordStyles
{
    public const int BulletList = 1;
    public const int NumberedList = 2;

    private const string W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    public static string StylesXml() =>
        $"<w:styles {W}>" +
        $"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{Palette.Font}\" w:hAnsi=\"{Palette.Font}\" w:eastAsia=\"{Palette.Font}\" w:cs=\"{Palette.Font}\"/>" +
        $"<w:color w:val=\"{Palette.Text}\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault>" +
        "<w:pPrDefault><w:pPr><w:spacing w:after=\"140\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>" +
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>" +
        Paragraph("Title", "Title", $"<w:spacing w:before=\"2400\" w:after=\"200\"/><w:contextualSpacing/>",
            $"<w:b/><w:color w:val=\"{Palette.Dark}\"/><w:sz w:val=\"60\"/><w:szCs w:val=\"60\"/>") +
        Paragraph("Subtitle", "Subtitle", "<w:spacing w:after=\"480\"/>", $"<w:color w:val=\"{Palette.Muted}\"/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>") +
        Heading(1, 36, Palette.Dark, 480) +
        Heading(2, 28, Palette.Accents[0], 320) +
        Heading(3, 24, Palette.Text, 240) +
        Paragraph("TOCHeading", "TOC Heading", "<w:keepNext/><w:spacing w:before=\"480\" w:after=\"200\"/>",
            $"<w:b/><w:color w:val=\"{Palette.Dark}\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>") +
        Toc(1, 0, bold: true) + Toc(2, 220, bold: false) + Toc(3, 440, bold: false) +
        Paragraph("ListParagraph", "List Paragraph", "<w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/><w:contextualSpacing/>", "") +
        Paragraph("Caption", "caption", "<w:spacing w:before=\"60\" w:after=\"240\"/>", $"<w:i/><w:color w:val=\"{Palette.Muted}\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>") +
        Paragraph("Quote", "Quote", $"<w:pBdr><w:left w:val=\"single\" w:sz=\"24\" w:space=\"12\" w:color=\"{Palette.Accents[0]}\"/></w:pBdr><w:spacing w:before=\"120\" w:after=\"240\"/><w:ind w:left=\"360\" w:right=\"360\"/>",
            $"<w:i/><w:color w:val=\"{Palette.Muted}\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>") +
        Paragraph("Code", "Code", $"<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{Palette.Subtle}\"/><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
            $"<w:rFonts w:ascii=\"{Palette.MonoFont}\" w:hAnsi=\"{Palette.MonoFont}\" w:cs=\"{Palette.MonoFont}\"/><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>") +
        Paragraph("Header", "header", "<w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/>", $"<w:color w:val=\"{Palette.Muted}\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>") +
        Paragraph("Footer", "footer", "<w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/>", $"<w:color w:val=\"{Palette.Muted}\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>") +
        Paragraph("TableText", "Table Text", "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>", "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>") +
        $"<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:rPr><w:color w:val=\"{Palette.Hyperlink}\"/><w:u w:val=\"single\"/></w:rPr></w:style>" +
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>" +
        "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>" +
        "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr>" +
        $"<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{Palette.Rule}\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{Palette.Rule}\"/>" +
        $"<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{Palette.Rule}\"/></w:tblBorders>" +
        "<w:tblCellMar><w:top w:w=\"60\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>" +
        $"<w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:color w:val=\"{Palette.Light}\"/></w:rPr><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{Palette.Dark}\"/></w:tcPr></w:tblStylePr>" +
        $"<w:tblStylePr w:type=\"band2Horz\"><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{Palette.Subtle}\"/></w:tcPr></w:tblStylePr></w:style>" +
        "</w:styles>";

    /// <summary>Bullets and decimal numbers as list definitions (never typed characters), nine levels each.</summary>
    public static string NumberingXml(int numberedLists)
    {
        var bullets = new[] { "\u2022", "\u2013", "\u25E6" };
        var xml = $"<w:numbering {W}>";
        xml += $"<w:abstractNum w:abstractNumId=\"{BulletList}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>";
        for (var level = 0; level < 9; level++)
        {
            xml += $"<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{bullets[level % 3]}\"/><w:lvlJc w:val=\"left\"/>" +
                $"<w:pPr><w:ind w:left=\"{720 + (level * 360)}\" w:hanging=\"360\"/></w:pPr><w:rPr><w:color w:val=\"{Palette.Accents[0]}\"/></w:rPr></w:lvl>";
        }

        xml += $"</w:abstractNum><w:abstractNum w:abstractNumId=\"{NumberedList}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>";
        var formats = new[] { "decimal", "lowerLetter", "lowerRoman" };
        for (var level = 0; level < 9; level++)
        {
            xml += $"<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{formats[level % 3]}\"/><w:lvlText w:val=\"%{level + 1}.\"/><w:lvlJc w:val=\"left\"/>" +
                $"<w:pPr><w:ind w:left=\"{720 + (level * 360)}\" w:hanging=\"360\"/></w:pPr></w:lvl>";
        }

        xml += "</w:abstractNum>";
        xml += $"<w:num w:numId=\"{BulletList}\"><w:abstractNumId w:val=\"{BulletList}\"/></w:num>";

        // Each numbered list is its own instance restarting at 1; ids from NumberedList up.
        for (var i = 0; i < numberedLists; i++)
        {
            xml += $"<w:num w:numId=\"{NumberedList + i}\"><w:abstractNumId w:val=\"{NumberedList}\"/>" +
                "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>";
        }

        return xml + "</w:numbering>";
    }

    private static string Paragraph(string id, string name, string paragraph, string run) =>
        $"<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>" +
        $"<w:pPr>{paragraph}</w:pPr><w:rPr>{run}</w:rPr></w:style>";

    private static string Heading(int level, int halfPoints, string color, int before) =>
        $"<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>" +
        $"<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"120\"/><w:outlineLvl w:val=\"{level - 1}\"/></w:pPr>" +
        $"<w:rPr><w:b/><w:color w:val=\"{color}\"/><w:sz w:val=\"{halfPoints}\"/><w:szCs w:val=\"{halfPoints}\"/></w:rPr></w:style>";

    private static string Toc(int level, int indent, bool bold) =>
        $"<w:style w:type=\"paragraph\" w:styleId=\"TOC{level}\"><w:name w:val=\"toc {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>" +
        $"<w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"9020\"/></w:tabs><w:spacing w:after=\"80\"/><w:ind w:left=\"{indent}\"/></w:pPr>" +
        $"<w:rPr>{(bold ? "<w:b/>" : "")}</w:rPr></w:style>";
}
