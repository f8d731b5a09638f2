namespace Cowork.Documents;

/// <summary>
/// The .docx and .pptx checks of <see cref="OfficeVerifier"/> (the Open XML validator and the report and deck quality
/// bars) as a check of <c>verify_document</c>, so one tool verifies every kind of deliverable.
/// </summary>
internal sealed class OfficeDocumentCheck : IDocumentCheck
{
    public IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.Ordinal) { ".docx", ".pptx" };

    public async Task CheckAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var extension = Path.GetExtension(context.Copy).ToLowerInvariant();
        IReadOnlyList<OfficeFinding> findings;
        try
        {
            findings = OfficeVerifier.Check(await File.ReadAllBytesAsync(context.Copy, cancellationToken).ConfigureAwait(false), extension);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            context.Find(FindingSeverity.Error, "Open", $"The file cannot be opened as a {extension} document: {ex.Message}");
            return;
        }

        foreach (var finding in findings)
        {
            context.Find(finding.Level == FindingLevel.Error ? FindingSeverity.Error : FindingSeverity.Warning, finding.Where, finding.Message);
        }

        if (!findings.Any(f => f.Level == FindingLevel.Error))
        {
            context.Pass("Structure", extension == ".pptx"
                ? "Open XML validator; titles 36-44 pt, body at least 14 pt, margins, a visual element and text that fits on every slide"
                : "Open XML validator; heading outline levels, table of contents, real lists, header rows, alt text, page numbers and size");
        }
    }
}
