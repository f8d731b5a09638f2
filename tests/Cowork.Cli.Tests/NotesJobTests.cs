using Cowork.Tests;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Cowork.Cli.Tests;

/// <summary>"Make a presentation from my meeting notes" and "write a report from these notes" offline, end to end, then undone.</summary>
public sealed class NotesJobTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [InlineData("make a presentation from my meeting notes", "Meeting notes summary deck.pptx")]
    [InlineData("Write a report from these notes", "Meeting notes summary report.docx")]
    public async Task The_notes_become_a_checked_deliverable_and_undo_removes_it(string request, string output)
    {
        ExternalTool.Require("soffice", "libreoffice-impress");
        var notes = CopyNotes();
        var before = TreeSnapshot.Take(notes);
        var cli = new CliRun(_temp);

        Assert.Equal(0, await cli.InvokeAsync("run", request, "--folder", notes, "--yes"));

        var path = Path.Combine(notes, output);
        Assert.True(File.Exists(path), cli.Output.ToString());
        var said = cli.Output.ToString();
        Assert.Contains("validator clean", said, StringComparison.Ordinal);
        Assert.Contains("Rendered with LibreOffice", said, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(path);
        var rows = TableRows(bytes, Path.GetExtension(path));
        Assert.Contains(rows, r => r.StartsWith("Submit the build to both app stores | Priya | 2026-12-02", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("Send the Q4 forecast to finance | Marco | 2026-12-05", StringComparison.Ordinal));

        Assert.Equal(0, await new CliRun(_temp).InvokeAsync("undo", "last"));
        Assert.Equal(before, TreeSnapshot.Take(notes));
    }

    /// <summary>The file's table rows as "cell | cell | …", after checking it opens and validates.</summary>
    private static List<string> TableRows(byte[] bytes, string extension)
    {
        using var stream = new MemoryStream(bytes);
        using OpenXmlPackage package = extension == ".pptx" ? PresentationDocument.Open(stream, false) : WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(package));
        if (package is PresentationDocument deck)
        {
            return [.. deck.PresentationPart!.SlideParts.SelectMany(s => s.Slide!.Descendants<DocumentFormat.OpenXml.Drawing.TableRow>())
                .Select(r => string.Join(" | ", r.Elements<DocumentFormat.OpenXml.Drawing.TableCell>().Select(c => c.InnerText)))];
        }

        return [.. ((WordprocessingDocument)package).MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => string.Join(" | ", r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText)))];
    }

    private string CopyNotes()
    {
        var source = Path.Combine(TempFolder.RepositoryRoot(), "samples", "Notes");
        var target = _temp.Combine("Notes");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }
}
