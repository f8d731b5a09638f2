namespace Cowork.Documents;

/// <summary>
/// Where things go on a 16:9 slide (13.33 × 7.5 in): 0.6 in side margins, a title band, an accent rule, the body,
/// and the slide number inside the 0.5 in bottom margin's limit. Layouts and slides share these.
/// </summary>
internal static class SlideGeometry
{
    public const long Width = 12192000;
    public const long Height = 6858000;

    /// <summary>The least distance from any content to the slide's edge.</summary>
    public const long MinMargin = Box.EmuPerInch / 2;

    /// <summary>Text insets of every text box (the defaults: 0.1 in left and right, 0.05 in top and bottom).</summary>
    public const long InsetX = 91440;
    public const long InsetY = 45720;

    public const int TitleSize = 40;
    public const int MinTitleSize = 36;
    public const int MaxBodySize = 24;
    public const int MinBodySize = 14;

    public static readonly Box Title = Box.Inches(0.6, 0.5, 12.13, 1.2);
    public static readonly Box Rule = Box.Inches(0.7, 1.78, 1.1, 0.06);
    public static readonly Box Body = Box.Inches(0.6, 2.0, 12.13, 4.55);
    public static readonly Box Card = Box.Inches(0.6, 2.0, 0.08, 4.55);
    public static readonly Box BulletBody = Box.Inches(0.9, 2.0, 11.83, 4.55);
    public static readonly Box Left = Box.Inches(0.6, 2.0, 5.9, 4.55);
    public static readonly Box Right = Box.Inches(6.83, 2.0, 5.9, 4.55);
    public static readonly Box Divider = Box.Inches(6.64, 2.1, 0.03, 4.3);
    public static readonly Box SlideNumber = Box.Inches(11.73, 6.68, 1.0, 0.3);

    public static readonly Box CoverTitle = Box.Inches(0.9, 2.2, 11.5, 1.9);
    public static readonly Box CoverRule = Box.Inches(1.0, 4.25, 1.6, 0.08);
    public static readonly Box CoverSubtitle = Box.Inches(0.9, 4.5, 11.5, 1.2);

    public static readonly Box QuoteMark = Box.Inches(0.9, 1.0, 1.6, 1.6);
    public static readonly Box QuoteText = Box.Inches(1.6, 2.1, 10.2, 2.9);
    public static readonly Box QuoteBy = Box.Inches(1.6, 5.2, 10.2, 0.8);

    public static readonly Box Caption = Box.Inches(0.6, 6.15, 12.13, 0.45);
}
