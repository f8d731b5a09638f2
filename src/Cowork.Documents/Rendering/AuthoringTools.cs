using System.ComponentModel;
using System.Globalization;
using System.Text;
using Cowork.Files;

namespace Cowork.Documents;

/// <summary>
/// The report, deck, reader and notes tools. Every file is read and written through the task's workspace; a new
/// document is checked (validator, quality bars) and rendered (LibreOffice, every page) before it is written, and
/// is not written at all when a check fails.
/// </summary>
internal sealed class AuthoringTools(Workspace workspace, EventPublisher events, string dataDirectory, DocumentRenderer renderer)
{
    private const long MaxNotesBytes = 2L * 1024 * 1024;
    private const int MaxNotesFiles = 50;
    private const int MaxReadChars = 60_000;

    public const string SpecMarker = "Spec for ";
    public const string PathMarker = "Suggested path: ";

    private FileChanges Changes => workspace.Changes ?? throw new ToolException("This task cannot change files.");

    public async Task<string> CreateDocument(
        [Description("The .docx file to write, in a granted folder.")] string path,
        [Description("The report as JSON: {\"title\", \"subtitle\", \"author\", \"page_size\": \"a4\"|\"letter\", \"toc\": true, \"header\", \"footer\", \"blocks\": [" +
            "{\"type\": \"heading\", \"text\", \"level\": 1-3} | {\"type\": \"paragraph\", \"text\" (Markdown inline: **bold**, *italic*, [link](url))} | " +
            "{\"type\": \"bullets\"|\"numbered\", \"items\": [\"text\" or {\"text\", \"level\"}]} | {\"type\": \"table\", \"columns\": [...], \"rows\": [[...]], \"caption\"} | " +
            "{\"type\": \"image\", \"path\", \"alt\", \"caption\", \"width_inches\"} | {\"type\": \"chart\", \"chart\": {\"type\": \"column\"|\"bar\"|\"line\"|\"pie\", \"title\", \"categories\": [...], " +
            "\"series\": [{\"name\", \"values\": [...]}], \"number_format\"}, \"alt\", \"caption\"} | {\"type\": \"quote\", \"text\"} | {\"type\": \"page_break\"}]}. Give spec or markdown.")] string? spec = null,
        [Description("The report as Markdown instead of a spec: a leading '# ' heading is the title; lists, pipe tables, images ![alt](path) and quotes are kept.")] string? markdown = null,
        [Description("Replace an existing file.")] bool overwrite = false,
        CancellationToken cancellationToken = default)
    {
        var target = Target(path, ".docx");
        var document = spec is { Length: > 0 } ? SpecJson.Parse<DocumentSpec>(spec, "document spec")
            : markdown is { Length: > 0 } ? MarkdownDocument.Parse(markdown)
            : throw new ToolException("Give the report as spec (JSON) or as markdown.");
        var bytes = WordWriter.Write(document, LoadImage);
        var report = new StringBuilder();
        var checks = Blocking(OfficeVerifier.Check(bytes, ".docx"), target.FullPath);
        var render = await RenderAsync(target, bytes, cancellationToken).ConfigureAwait(false);
        var headings = WordWriter.Headings(document);
        if (render?.Pdf is { } pdf && document.Toc && headings.Count > 0)
        {
            // The table of contents gets the page numbers LibreOffice laid out; the numbers change nothing else.
            var pages = OfficeVerifier.HeadingPages(pdf, headings);
            if (pages is not null)
            {
                bytes = WordWriter.Write(document, LoadImage, pages);
                checks = Blocking(OfficeVerifier.Check(bytes, ".docx"), target.FullPath);
                render = await RenderAsync(target, bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        Changes.Write(target, bytes, overwrite);
        events.Publish(new DeliverableAdded(target.FullPath, $"Report \"{document.Title}\" ({Pages(render)})"));
        report.Append(CultureInfo.InvariantCulture, $"Wrote {target.FullPath} ({bytes.Length / 1024.0:0.#} KB, {document.Blocks.Count} blocks).\n");
        Describe(report, checks, render, "docx");
        return report.ToString();
    }

    public async Task<string> CreatePresentation(
        [Description("The .pptx file to write, in a granted folder.")] string path,
        [Description("The deck as JSON: {\"title\", \"author\", \"slides\": [{\"layout\": \"title\"|\"section\"|\"bullets\"|\"two_column\"|\"chart\"|\"image\"|\"table\"|\"quote\", " +
            "\"title\", \"subtitle\", \"bullets\": [\"text\" or {\"text\", \"level\"}], \"left_heading\", \"left\": [...], \"right_heading\", \"right\": [...], " +
            "\"chart\": {\"type\": \"column\"|\"bar\"|\"line\"|\"pie\", \"categories\": [...], \"series\": [{\"name\", \"values\": [...]}], \"number_format\"}, " +
            "\"image\" (path), \"alt\", \"caption\", \"columns\": [...], \"rows\": [[...]], \"quote\", \"attribution\", \"notes\" (speaker notes)}]}. " +
            "Text is fitted to its box (24 pt down to 14 pt); what does not fit continues on a new slide.")] string spec,
        [Description("Replace an existing file.")] bool overwrite = false,
        CancellationToken cancellationToken = default)
    {
        var target = Target(path, ".pptx");
        var deck = SpecJson.Parse<DeckSpec>(spec, "deck spec");
        var (bytes, slides) = DeckWriter.Write(deck, LoadImage);
        var checks = Blocking(OfficeVerifier.Check(bytes, ".pptx"), target.FullPath);
        var render = await RenderAsync(target, bytes, cancellationToken).ConfigureAwait(false);
        Changes.Write(target, bytes, overwrite);
        events.Publish(new DeliverableAdded(target.FullPath, $"Deck \"{deck.Title}\" ({slides} slides)"));
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"Wrote {target.FullPath} ({bytes.Length / 1024.0:0.#} KB, {slides} slides");
        report.Append(slides > deck.Slides.Count ? $"; {slides - deck.Slides.Count} continuation slides for text that did not fit).\n" : ").\n");
        Describe(report, checks, render, "pptx");
        return report.ToString();
    }

    public string ReadDocument(
        [Description("The .docx, .pptx or .pdf file to read.")] string path,
        [Description("First page to show, from 1 (a PDF page, a slide, or a part of a Word document).")] int page = 1,
        [Description("How many pages, up to 20.")] int page_count = 5)
    {
        var file = workspace.Resolve(path);
        var extension = Path.GetExtension(file.Path.Name).ToLowerInvariant();
        var bytes = extension == ".pdf" ? ReadBytes(file, SafePackage.MaxFileBytes) : ReadPackage(file);
        var pages = DocumentReader.Pages(bytes, file.Path.Name);
        var first = Math.Clamp(page, 1, Math.Max(1, pages.Count));
        var count = Math.Clamp(page_count, 1, DocumentReader.MaxPagesPerCall);
        var unit = extension == ".pptx" ? "slides" : "pages";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{file.FullPath}: {pages.Count} {unit}.\n\n");
        var last = first - 1;
        foreach (var content in pages.Skip(first - 1).Take(count))
        {
            if (text.Length + content.Length > MaxReadChars)
            {
                break;
            }

            last++;
            if (extension != ".pptx")
            {
                text.Append(CultureInfo.InvariantCulture, $"--- page {last} ---\n");
            }

            text.Append(content).Append("\n\n");
        }

        if (last < pages.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"[Shown {unit} {first}-{last} of {pages.Count}; read on with page={last + 1}.]");
        }

        return text.ToString().TrimEnd();
    }

    public string SummarizeNotes(
        [Description("A notes file (.md or .txt) or a folder of them.")] string path,
        [Description("What the structure is for: \"deck\" (a create_presentation spec) or \"report\" (a create_document spec).")] string output = "deck")
    {
        var source = workspace.Resolve(path);
        var root = workspace.Root(source);
        var status = root.Stat(source.Path) ?? throw new ToolException($"{source.FullPath} does not exist.");
        var files = new List<(string Name, string Text)>();
        var folder = status.Kind == EntryKind.Directory ? source : source.With(source.Path.Parent);
        if (status.Kind == EntryKind.Directory)
        {
            foreach (var entry in root.List(source.Path).Where(e => e.Status.Kind == EntryKind.File && IsNotes(e.Path.Name)).OrderBy(e => e.Path.Name, StringComparer.Ordinal).Take(MaxNotesFiles))
            {
                files.Add((entry.Path.Name, ReadText(source.With(entry.Path))));
            }
        }
        else
        {
            files.Add((source.Path.Name, ReadText(source)));
        }

        if (files.Count == 0)
        {
            throw new ToolException($"{source.FullPath} has no notes files (.md, .markdown or .txt).");
        }

        var notes = NotesAnalyzer.Analyze(files);
        var asReport = output.Trim().Equals("report", StringComparison.OrdinalIgnoreCase);
        var actions = notes.Actions.ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{notes.Title}: {notes.Meetings.Count} meetings, {notes.Meetings.Sum(m => m.Topics.Count)} topics, {notes.Figures.Count()} figures, ")
            .Append(CultureInfo.InvariantCulture, $"{notes.Decisions.Count()} decisions, {actions.Count} action items (from {string.Join(", ", files.Select(f => f.Name))}).\n");
        foreach (var meeting in notes.Meetings)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {meeting.Title}: {string.Join("; ", meeting.Topics.Select(t => t.Title))}\n");
        }

        foreach (var decision in notes.Decisions)
        {
            text.Append(CultureInfo.InvariantCulture, $"Decision: {decision.Text}\n");
        }

        foreach (var action in actions)
        {
            text.Append(CultureInfo.InvariantCulture, $"Action: {action.Task} — {action.Owner ?? "unassigned"}, due {action.Due ?? "not set"}\n");
        }

        var name = notes.Title.Replace('/', '-').Replace('\\', '-').Replace(':', ' ').Trim() + (asReport ? " report.docx" : " deck.pptx");
        text.Append('\n').Append(PathMarker).Append(folder.With(folder.Path.Append(name)).FullPath).Append('\n');
        text.Append(SpecMarker).Append(asReport ? ToolNames.CreateDocument : ToolNames.CreatePresentation).Append(":\n");
        text.Append(asReport ? SpecJson.Write(NotesSpecs.Report(notes)) : SpecJson.Write(NotesSpecs.Deck(notes)));
        return text.ToString();
    }

    private static bool IsNotes(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is ".md" or ".markdown" or ".txt" && !name.StartsWith('.');

    private ResolvedPath Target(string path, string extension)
    {
        var target = workspace.Resolve(path, forWriting: true);
        if (!Path.GetExtension(target.Path.Name).Equals(extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolException($"{target.FullPath} must end in {extension}.");
        }

        return target;
    }

    /// <summary>Errors stop delivery: the message lists them so they can be fixed; warnings are returned.</summary>
    private static IReadOnlyList<OfficeFinding> Blocking(IReadOnlyList<OfficeFinding> findings, string path)
    {
        var errors = findings.Where(f => f.Level == FindingLevel.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ToolException($"{path} was not written: it failed its checks.\n" + string.Join("\n", errors.Take(10)));
        }

        return findings;
    }

    /// <summary>Renders the bytes (a private copy in the task's folder); null without LibreOffice. Render errors stop delivery.</summary>
    private async Task<RenderResult?> RenderAsync(ResolvedPath target, byte[] bytes, CancellationToken cancellationToken)
    {
        if (!renderer.IsAvailable)
        {
            return null;
        }

        var folder = Path.Combine(dataDirectory, "renders", $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}"[..32]);
        RenderResult result;
        try
        {
            result = (await OfficeVerifier.RenderAsync(renderer, [(target.Path.Name, bytes)], folder, cancellationToken).ConfigureAwait(false))[0];
        }
        catch (TimeoutException ex)
        {
            throw new ToolException($"{target.FullPath}: rendering to check it failed: {ex.Message}");
        }

        var errors = result.Findings.Where(f => f.Level == FindingLevel.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ToolException($"{target.FullPath} was not written: the rendered pages show problems.\n" + string.Join("\n", errors.Take(10)));
        }

        return result;
    }

    private static string Pages(RenderResult? render) => render is null ? "not rendered" : $"{render.Pages} pages";

    private static void Describe(StringBuilder report, IReadOnlyList<OfficeFinding> checks, RenderResult? render, string kind)
    {
        var errors = checks.Count(f => f.Level == FindingLevel.Error);
        report.Append(errors == 0
            ? "Checks: Open XML validator clean; " + (kind == "pptx"
                ? "template layouts, title 36-44 pt and body >= 14 pt, 0.5 in margins, alt text, a visual element per slide, text measured to fit its box.\n"
                : "heading outline levels, table of contents, list numbering, table header rows, alt text, page size and page numbers.\n")
            : $"Checks: {errors} errors.\n");
        foreach (var finding in checks)
        {
            report.Append("- ").Append(finding).Append('\n');
        }

        if (render is null)
        {
            report.Append(DocumentRenderer.MissingNotice).Append('\n');
            return;
        }

        report.Append(CultureInfo.InvariantCulture, $"Rendered with LibreOffice: {render.Pages} {(kind == "pptx" ? "slides" : "pages")}")
            .Append(kind == "pptx" ? ", no text outside its box" : "")
            .Append(render.Thumbnails.Count > 0 ? $"; thumbnails in {Path.GetDirectoryName(render.Thumbnails[0])}" : "").Append(".\n");
        foreach (var finding in render.Findings)
        {
            report.Append("- ").Append(finding).Append('\n');
        }
    }

    private LoadedImage LoadImage(string path)
    {
        var file = workspace.Resolve(path);
        return LoadedImage.From(ReadBytes(file, LoadedImage.MaxBytes), file.Path.Name);
    }

    private byte[] ReadPackage(ResolvedPath file)
    {
        using var stream = Open(file);
        return SafePackage.Read(stream, file.Path.Name);
    }

    private byte[] ReadBytes(ResolvedPath file, long max)
    {
        using var stream = Open(file);
        return SafePackage.ReadBounded(stream, max, file.Path.Name);
    }

    private string ReadText(ResolvedPath file)
    {
        var bytes = ReadBytes(file, MaxNotesBytes);
        return new UTF8Encoding(false, false).GetString(bytes);
    }

    private Stream Open(ResolvedPath file)
    {
        try
        {
            return workspace.Root(file).OpenRead(file.Path);
        }
        catch (FolderRootException ex)
        {
            throw new ToolException(ex.Message);
        }
    }
}
