using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Documents;

/// <summary>Collects the cell styles and conditional-format styles a workbook uses, each once, and writes the stylesheet.</summary>
internal sealed class StyleBook
{
    private readonly Dictionary<CellStyle, uint> _styles = [];
    private readonly List<CellStyle> _ordered = [];
    private readonly Dictionary<string, uint> _numberFormats = new(StringComparer.Ordinal);
    private readonly List<(string? Fill, string? FontColor)> _differential = [];

    public StyleBook() => Index(new CellStyle());

    /// <summary>The cellXfs index of <paramref name="style"/>.</summary>
    public uint Index(CellStyle style)
    {
        if (_styles.TryGetValue(style, out var index))
        {
            return index;
        }

        if (style.NumberFormat is { } format)
        {
            var code = NumberFormats.Code(format);
            if (NumberFormats.BuiltIn(code) is null && !_numberFormats.ContainsKey(code))
            {
                _numberFormats[code] = 164 + (uint)_numberFormats.Count;
            }
        }

        index = (uint)_ordered.Count;
        _styles[style] = index;
        _ordered.Add(style);
        return index;
    }

    /// <summary>The dxf index for a highlight rule's look.</summary>
    public uint Differential(string? fill, string? fontColor)
    {
        var index = _differential.IndexOf((fill, fontColor));
        if (index >= 0)
        {
            return (uint)index;
        }

        _differential.Add((fill, fontColor));
        return (uint)(_differential.Count - 1);
    }

    public Stylesheet Build()
    {
        var fonts = new List<(bool, bool, double, string?)>();
        var fills = new List<string?> { null, "gray125" };
        var borders = new List<string?> { null };
        var xfs = new CellFormats();
        foreach (var style in _ordered)
        {
            var font = (style.Bold, style.Italic, style.FontSize ?? 11, style.FontColor);
            if (!fonts.Contains(font))
            {
                fonts.Add(font);
            }

            if (!fills.Contains(style.Fill))
            {
                fills.Add(style.Fill);
            }

            if (!borders.Contains(style.Border))
            {
                borders.Add(style.Border);
            }

            var code = style.NumberFormat is null ? "General" : NumberFormats.Code(style.NumberFormat);
            var xf = new CellFormat
            {
                NumberFormatId = NumberFormats.BuiltIn(code) ?? _numberFormats[code],
                FontId = (uint)fonts.IndexOf(font),
                FillId = (uint)fills.IndexOf(style.Fill),
                BorderId = (uint)borders.IndexOf(style.Border),
                FormatId = 0,
                ApplyNumberFormat = style.NumberFormat is not null,
                ApplyFont = font != (false, false, 11, null),
                ApplyFill = style.Fill is not null,
                ApplyBorder = style.Border is not null,
            };
            if (style.Align is not null || style.Wrap)
            {
                xf.ApplyAlignment = true;
                xf.Alignment = new Alignment
                {
                    Horizontal = style.Align?.ToLowerInvariant() switch
                    {
                        null => null,
                        "left" => HorizontalAlignmentValues.Left,
                        "center" => HorizontalAlignmentValues.Center,
                        "right" => HorizontalAlignmentValues.Right,
                        _ => throw new ToolException($"align must be left, center or right, not \"{style.Align}\"."),
                    },
                    WrapText = style.Wrap ? true : null,
                };
            }

            xfs.Append(xf);
        }

        xfs.Count = (uint)xfs.ChildElements.Count;
        var stylesheet = new Stylesheet();
        if (_numberFormats.Count > 0)
        {
            stylesheet.Append(new NumberingFormats(_numberFormats.Select(f => new NumberingFormat { NumberFormatId = f.Value, FormatCode = f.Key })) { Count = (uint)_numberFormats.Count });
        }

        stylesheet.Append(new Fonts(fonts.Select(f => Font(f.Item1, f.Item2, f.Item3, f.Item4))) { Count = (uint)fonts.Count });
        stylesheet.Append(new Fills(fills.Select(Fill)) { Count = (uint)fills.Count });
        stylesheet.Append(new Borders(borders.Select(Border)) { Count = (uint)borders.Count });
        stylesheet.Append(new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 });
        stylesheet.Append(xfs);
        stylesheet.Append(new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
        stylesheet.Append(new DifferentialFormats(_differential.Select(d =>
        {
            var dxf = new DifferentialFormat();
            if (d.FontColor is not null)
            {
                dxf.Append(new Font(new Color { Rgb = Argb(d.FontColor) }));
            }

            if (d.Fill is not null)
            {
                dxf.Append(new Fill(new PatternFill(new BackgroundColor { Rgb = Argb(d.Fill) }) { PatternType = PatternValues.Solid }));
            }

            return dxf;
        })) { Count = (uint)_differential.Count });
        return stylesheet;
    }

    /// <summary>"#1F4E79" as the ARGB hex the file stores.</summary>
    public static HexBinaryValue Argb(string color)
    {
        var hex = color.TrimStart('#');
        return hex.Length == 6 && hex.All(char.IsAsciiHexDigit)
            ? new HexBinaryValue("FF" + hex.ToUpperInvariant())
            : throw new ToolException($"\"{color}\" is not a color; write #RRGGBB, e.g. #1F4E79.");
    }

    private static Font Font(bool bold, bool italic, double size, string? color)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        if (italic)
        {
            font.Append(new Italic());
        }

        font.Append(new FontSize { Val = size });
        font.Append(color is null ? new Color { Theme = 1 } : new Color { Rgb = Argb(color) });
        font.Append(new FontName { Val = "Calibri" });
        font.Append(new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static Fill Fill(string? color) => color switch
    {
        null => new Fill(new PatternFill { PatternType = PatternValues.None }),
        "gray125" => new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
        _ => new Fill(new PatternFill(new ForegroundColor { Rgb = Argb(color) }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }),
    };

    private static Border Border(string? kind)
    {
        if (kind is null)
        {
            return new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder());
        }

        var style = kind.ToLowerInvariant() switch
        {
            "thin" => BorderStyleValues.Thin,
            "medium" => BorderStyleValues.Medium,
            "bottom" => BorderStyleValues.Thin,
            _ => throw new ToolException($"border must be thin, medium or bottom, not \"{kind}\"."),
        };
        Color Gray() => new() { Rgb = "FF7F7F7F" };
        return kind.Equals("bottom", StringComparison.OrdinalIgnoreCase)
            ? new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(Gray()) { Style = style }, new DiagonalBorder())
            : new Border(new LeftBorder(Gray()) { Style = style }, new RightBorder(Gray()) { Style = style }, new TopBorder(Gray()) { Style = style }, new BottomBorder(Gray()) { Style = style }, new DiagonalBorder());
    }
}
