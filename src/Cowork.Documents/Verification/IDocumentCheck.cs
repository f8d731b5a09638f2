namespace Cowork.Documents;

/// <summary>
/// The checks for one kind of document (xlsx, docx, pptx): <see cref="DocumentVerifier"/> runs every check that
/// handles the file's extension on a private copy, then renders the copy to PDF and thumbnails.
/// </summary>
internal interface IDocumentCheck
{
    /// <summary>Extensions handled, lower case with the dot: ".xlsx".</summary>
    IReadOnlySet<string> Extensions { get; }

    Task CheckAsync(VerificationContext context, CancellationToken cancellationToken);
}
