namespace Cowork.Documents;

/// <summary>What rendering one file showed: its pages, a PNG per page, and problems seen on the pages.</summary>
/// <param name="Pdf">The rendered PDF, or null when LibreOffice could not convert the file.</param>
internal sealed record RenderResult(string File, string? Pdf, int Pages, IReadOnlyList<string> Thumbnails, IReadOnlyList<OfficeFinding> Findings);
