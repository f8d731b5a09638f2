using SkiaSharp;

namespace Cowork.Documents;

/// <summary>An image file read for a deck or report: its bytes, format and pixel size, checked to decode.</summary>
internal sealed record LoadedImage(byte[] Bytes, string Format, int Width, int Height)
{
    /// <summary>Images bigger than this are refused rather than embedded.</summary>
    public const long MaxBytes = 25L * 1024 * 1024;

    /// <exception cref="ToolException">Not a PNG, JPEG, GIF or BMP image that decodes.</exception>
    public static LoadedImage From(byte[] bytes, string name)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ToolException($"{name} is not an image Cowork can read (PNG, JPEG, GIF or BMP).");
        var format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => "png",
            SKEncodedImageFormat.Jpeg => "jpeg",
            SKEncodedImageFormat.Gif => "gif",
            SKEncodedImageFormat.Bmp => "bmp",
            _ => throw new ToolException($"{name} is a {codec.EncodedFormat} image; use PNG or JPEG."),
        };
        if (codec.Info.Width <= 0 || codec.Info.Height <= 0 || codec.Info.Width > 20000 || codec.Info.Height > 20000)
        {
            throw new ToolException($"{name} has an unusable size ({codec.Info.Width}×{codec.Info.Height} pixels).");
        }

        return new LoadedImage(bytes, format, codec.Info.Width, codec.Info.Height);
    }

    /// <summary>The size in EMU that fits <paramref name="maxWidth"/> × <paramref name="maxHeight"/> and keeps the aspect ratio.</summary>
    public (long Width, long Height) Fit(long maxWidth, long maxHeight)
    {
        var scale = Math.Min((double)maxWidth / Width, (double)maxHeight / Height);
        return ((long)(Width * scale), (long)(Height * scale));
    }
}
