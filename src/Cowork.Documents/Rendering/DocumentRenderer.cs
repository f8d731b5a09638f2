using System.Globalization;

namespace Cowork.Documents;

/// <summary>
/// Renders .docx and .pptx files to PDF with LibreOffice (headless, a private throw-away profile, one launch for many
/// files) and PDF pages to PNG thumbnails with pdftoppm.
/// </summary>
/// <remarks>
/// Thread-safe: each call has its own profile folder, so calls may run at once. Without LibreOffice
/// <see cref="IsAvailable"/> is false and callers report that rendering was skipped.
/// </remarks>
internal sealed class DocumentRenderer(string? soffice, string? pdftoppm, TimeSpan timeout)
{
    public static DocumentRenderer Default { get; } = new(
        ExternalProgram.Find("soffice", "libreoffice", "/usr/lib/libreoffice/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"),
        ExternalProgram.Find("pdftoppm"),
        TimeSpan.FromSeconds(120));

    public bool IsAvailable => soffice is not null;

    public bool CanMakeThumbnails => pdftoppm is not null;

    /// <summary>Why rendering is not possible, for reports.</summary>
    public const string MissingNotice = "LibreOffice is not installed, so the file was not rendered (install libreoffice-writer and libreoffice-impress to check every page).";

    /// <summary>Converts each input to a PDF in <paramref name="outputFolder"/> in one LibreOffice launch; returns the PDFs in input order (null where conversion failed).</summary>
    public async Task<IReadOnlyList<string?>> ToPdfAsync(IReadOnlyList<string> inputs, string outputFolder, CancellationToken cancellationToken = default)
    {
        if (soffice is null)
        {
            throw new InvalidOperationException(MissingNotice);
        }

        Directory.CreateDirectory(outputFolder);
        var profile = Directory.CreateTempSubdirectory("cowork-lo-");
        try
        {
            string[] arguments =
            [
                "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard",
                $"-env:UserInstallation={new Uri(profile.FullName + "/").AbsoluteUri}",
                "--convert-to", "pdf", "--outdir", outputFolder, .. inputs,
            ];
            await ExternalProgram.RunAsync(soffice, arguments, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A profile left in /tmp is harmless.
            }
        }

        return inputs.Select(input =>
        {
            var pdf = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(input) + ".pdf");
            return File.Exists(pdf) && new FileInfo(pdf).Length > 0 ? pdf : null;
        }).ToList();
    }

    /// <summary>Renders every page of <paramref name="pdf"/> to PNG (width <paramref name="width"/> px); returns the files in page order.</summary>
    public async Task<IReadOnlyList<string>> ThumbnailsAsync(string pdf, string outputFolder, int width = 800, CancellationToken cancellationToken = default)
    {
        if (pdftoppm is null)
        {
            return [];
        }

        Directory.CreateDirectory(outputFolder);
        var prefix = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(pdf));
        await ExternalProgram.RunAsync(pdftoppm, ["-png", "-scale-to-x", width.ToString(CultureInfo.InvariantCulture), "-scale-to-y", "-1", pdf, prefix], timeout, cancellationToken)
            .ConfigureAwait(false);
        var name = Path.GetFileName(prefix) + "-";
        return Directory.GetFiles(outputFolder, name + "*.png")
            .OrderBy(f => int.TryParse(Path.GetFileNameWithoutExtension(f)[name.Length..], CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ToList();
    }
}
