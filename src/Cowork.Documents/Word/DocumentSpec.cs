namespace Cowork.Documents;

/// <summary>A Word report to write: a title page with a table of contents, then blocks in order.</summary>
internal sealed record DocumentSpec
{
    public string Title { get; init; } = "";

    public string? Subtitle { get; init; }

    public string? Author { get; init; }

    /// <summary>"a4" (default) or "letter".</summary>
    public string PageSize { get; init; } = "a4";

    /// <summary>A table of contents after the title (a TOC field Word and LibreOffice update).</summary>
    public bool Toc { get; init; } = true;

    /// <summary>Text in the page header; the title when omitted.</summary>
    public string? Header { get; init; }

    /// <summary>Text in the page footer, before "Page n of m".</summary>
    public string? Footer { get; init; }

    public List<DocumentBlock> Blocks { get; init; } = [];
}
