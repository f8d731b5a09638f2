using System.Globalization;

namespace Cowork.Documents;

/// <summary>Renders a PDF's first pages to PNG thumbnails with pdftoppm (poppler-utils).</summary>
public static class PdfPages
{
    /// <summary>PNGs of the first <paramref name="pages"/> pages at <paramref name="dpi"/>, named prefix-N.png; empty without pdftoppm.</summary>
    /// <exception cref="LibreOfficeException">pdftoppm failed or timed out.</exception>
    public static async Task<IReadOnlyList<string>> RenderAsync(string pdf, string prefix, int pages, int dpi, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (ExternalProgram.Find("pdftoppm") is not { } program)
        {
            return [];
        }

        await ExternalProgram.OutputAsync(program, ["-png", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", "1", "-l", pages.ToString(CultureInfo.InvariantCulture), pdf, prefix],
            timeout, cancellationToken).ConfigureAwait(false);
        var folder = Path.GetDirectoryName(Path.GetFullPath(prefix))!;
        return Directory.GetFiles(folder, Path.GetFileName(prefix) + "-*.png").Order(StringComparer.Ordinal).ToList();
    }
}
