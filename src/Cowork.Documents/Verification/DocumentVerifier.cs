using System.Text;

namespace Cowork.Documents;

/// <summary>
/// Verifies a deliverable: the checks for its kind (validator, semantics, recalculation) on a private copy, then a
/// render to PDF and PNG thumbnails. Without LibreOffice the checks that need it are skipped with a notice.
/// </summary>
internal sealed class DocumentVerifier(IReadOnlyList<IDocumentCheck> checks, LibreOffice? libreOffice)
{
    /// <summary>The checks per document kind.</summary>
    public static IReadOnlyList<IDocumentCheck> DefaultChecks { get; } = [new XlsxCheck(), new OfficeDocumentCheck(), new PdfCheck()];

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public bool Handles(string extension) => checks.Any(c => c.Extensions.Contains(extension.ToLowerInvariant()));

    /// <summary>Verifies <paramref name="content"/> (the document's bytes); thumbnails go to <paramref name="thumbnailFolder"/>.</summary>
    public async Task<VerificationContext> VerifyAsync(string shownPath, ReadOnlyMemory<byte> content, string thumbnailFolder, bool render, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(shownPath).ToLowerInvariant();
        var scratch = Path.Combine(Path.GetTempPath(), "cowork-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var copy = Path.Combine(scratch, "document" + extension);
            await File.WriteAllBytesAsync(copy, content.ToArray(), cancellationToken).ConfigureAwait(false);
            var context = new VerificationContext(shownPath, copy, scratch, libreOffice, Timeout);
            foreach (var check in checks.Where(c => c.Extensions.Contains(extension)))
            {
                await check.CheckAsync(context, cancellationToken).ConfigureAwait(false);
            }

            if (render)
            {
                await RenderAsync(context, thumbnailFolder, cancellationToken).ConfigureAwait(false);
            }

            return context;
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task RenderAsync(VerificationContext context, string thumbnailFolder, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(context.Copy).ToLowerInvariant();
        if (context.LibreOffice is null && extension != ".pdf")
        {
            context.Notice("Not rendered: LibreOffice is not installed (Debian: apt-get install libreoffice-calc libreoffice-writer libreoffice-impress).");
            return;
        }

        try
        {
            // A PDF is its own rendering; everything else goes through LibreOffice.
            var pdf = extension == ".pdf" ? context.Copy
                : (await context.LibreOffice!.ConvertAsync([context.Copy], "pdf", Path.Combine(context.Scratch, "pdf"), context.Timeout, cancellationToken).ConfigureAwait(false))[0];
            if (extension == ".pptx")
            {
                CheckRenderedSlides(context, pdf);
            }

            Directory.CreateDirectory(thumbnailFolder);
            var prefix = Path.Combine(thumbnailFolder, Path.GetFileNameWithoutExtension(context.ShownPath) + "-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            File.Copy(pdf, prefix + ".pdf", overwrite: true);
            var pages = await PdfPages.RenderAsync(pdf, prefix, pages: 3, dpi: 60, context.Timeout, cancellationToken).ConfigureAwait(false);
            context.Thumbnails.Add(prefix + ".pdf");
            context.Thumbnails.AddRange(pages);
            if (pages.Count == 0)
            {
                context.Notice("Rendered to PDF; no PNG thumbnails (pdftoppm from poppler-utils is not installed, or the PDF has no pages).");
            }

            context.Pass("Render", $"PDF and {pages.Count} page thumbnail(s)");
        }
        catch (LibreOfficeException ex)
        {
            context.Find(FindingSeverity.Error, "Render", ex.Message);
        }
    }

    /// <summary>Text that LibreOffice drew outside its box on a slide, which the measured fit before writing can miss.</summary>
    private static void CheckRenderedSlides(VerificationContext context, string pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var findings = OfficeVerifier.RenderedOverflow(File.ReadAllBytes(context.Copy), document);
        foreach (var finding in findings)
        {
            context.Find(finding.Level == FindingLevel.Error ? FindingSeverity.Error : FindingSeverity.Warning, finding.Where, finding.Message);
        }

        if (findings.Count == 0)
        {
            context.Pass("Rendered slides", $"{document.NumberOfPages} slides rendered, no text outside its box");
        }
    }

    /// <summary>The report the tool returns: what was checked, what was found, the verdict.</summary>
    public static string Report(VerificationContext context)
    {
        var text = new StringBuilder();
        var errors = context.Findings.Count(f => f.Severity == FindingSeverity.Error);
        text.AppendLine(errors == 0 ? $"PASSED: {context.ShownPath}" : $"FAILED: {context.ShownPath} ({errors} error(s)); do not deliver it as done — fix it and verify again.");
        foreach (var passed in context.Passed)
        {
            text.AppendLine($"  ok  {passed}");
        }

        foreach (var finding in context.Findings.Take(40))
        {
            text.AppendLine($"  {(finding.Severity == FindingSeverity.Error ? "ERROR" : "warn")}  {finding.Check}: {finding.Message}");
        }

        if (context.Findings.Count > 40)
        {
            text.AppendLine($"  … and {context.Findings.Count - 40} more");
        }

        foreach (var notice in context.Notices)
        {
            text.AppendLine($"  note  {notice}");
        }

        if (context.Thumbnails.Count > 0)
        {
            text.AppendLine("  Rendered: " + string.Join(", ", context.Thumbnails));
        }

        return text.ToString().TrimEnd();
    }
}
