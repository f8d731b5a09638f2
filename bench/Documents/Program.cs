using System.Diagnostics;
using Cowork.Documents;

// Times what create_presentation and create_document spend: writing (with text fitting), the structural checks,
// and one LibreOffice render of both files with thumbnails. Input: the sample meeting notes in samples/Notes.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cowork.slnx")))
{
    root = root.Parent;
}

var notesFolder = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from the repository."), "samples", "Notes");
var files = Directory.GetFiles(notesFolder).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
const int Runs = 20;

var summary = Median(() => NotesAnalyzer.Analyze(files), out var notes);
var deckSpec = NotesSpecs.Deck(notes);
var reportSpec = NotesSpecs.Report(notes);
LoadedImage NoImages(string path) => throw new InvalidOperationException(path);
var deckWrite = Median(() => DeckWriter.Write(deckSpec, NoImages), out var deck);
var reportWrite = Median(() => WordWriter.Write(reportSpec, NoImages), out var report);
var deckCheck = Median(() => OfficeVerifier.Check(deck.Bytes, ".pptx"), out _);
var reportCheck = Median(() => OfficeVerifier.Check(report, ".docx"), out _);

Console.WriteLine($"Notes analysis ({files.Count} files)        {summary,8:0.0} ms (median of {Runs})");
Console.WriteLine($"Deck write ({deck.Slides} slides, fitted)      {deckWrite,8:0.0} ms");
Console.WriteLine($"Report write ({reportSpec.Blocks.Count} blocks)           {reportWrite,8:0.0} ms");
Console.WriteLine($"Deck checks (validator + bars)     {deckCheck,8:0.0} ms");
Console.WriteLine($"Report checks (validator + bars)   {reportCheck,8:0.0} ms");

if (!DocumentRenderer.Default.IsAvailable)
{
    Console.WriteLine(DocumentRenderer.MissingNotice);
    return;
}

var output = Directory.CreateTempSubdirectory("cowork-bench-docs-").FullName;
try
{
    var clock = Stopwatch.StartNew();
    var rendered = await OfficeVerifier.RenderAsync(DocumentRenderer.Default, [("deck.pptx", deck.Bytes), ("report.docx", report)], output);
    Console.WriteLine($"Render both + thumbnails (1 soffice launch) {clock.Elapsed.TotalMilliseconds,8:0} ms: " +
        string.Join(", ", rendered.Select(r => $"{Path.GetFileName(r.File)} {r.Pages} pages, {r.Findings.Count} findings")));
}
finally
{
    Directory.Delete(output, recursive: true);
}

static double Median<T>(Func<T> action, out T result)
{
    result = action();
    var times = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        var clock = Stopwatch.StartNew();
        result = action();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return times[times.Count / 2];
}
