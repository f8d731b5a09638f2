namespace Cowork.Documents;

/// <summary>A PDF deliverable: it opens (PdfPig, within the reader's size limits) and has pages with text.</summary>
internal sealed class PdfCheck : IDocumentCheck
{
    public IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.Ordinal) { ".pdf" };

    public async Task CheckAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<string> pages;
        try
        {
            pages = DocumentReader.Pages(await File.ReadAllBytesAsync(context.Copy, cancellationToken).ConfigureAwait(false), Path.GetFileName(context.ShownPath));
        }
        catch (ToolException ex)
        {
            context.Find(FindingSeverity.Error, "Open", ex.Message);
            return;
        }

        var withText = pages.Count(p => !string.IsNullOrWhiteSpace(p));
        if (pages.Count == 0)
        {
            context.Find(FindingSeverity.Error, "Open", "The PDF has no pages.");
            return;
        }

        context.Pass("Open", $"Opened: {pages.Count} pages, {withText} with text");
        if (withText == 0)
        {
            context.Notice("No page has text: it may be scanned images (OCR it before reading).");
        }
    }
}
