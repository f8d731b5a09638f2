namespace Cowork.Documents;

/// <summary>A rectangle on a slide, in EMU.</summary>
internal readonly record struct Box(long X, long Y, long Width, long Height)
{
    public const long EmuPerInch = 914400;
    public const long EmuPerPoint = 12700;

    public long Right => X + Width;

    public long Bottom => Y + Height;

    public static Box Inches(double x, double y, double width, double height) =>
        new((long)(x * EmuPerInch), (long)(y * EmuPerInch), (long)(width * EmuPerInch), (long)(height * EmuPerInch));

    public string Xfrm() => $"<a:xfrm><a:off x=\"{X}\" y=\"{Y}\"/><a:ext cx=\"{Width}\" cy=\"{Height}\"/></a:xfrm>";
}
