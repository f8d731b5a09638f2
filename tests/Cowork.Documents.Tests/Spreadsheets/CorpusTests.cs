using Cowork.Tests;

namespace Cowork.Documents.Tests;

/// <summary>
/// Every spec of the corpus is written, checked (validator, structure), then recalculated by LibreOffice in one
/// launch for the whole corpus: zero errors and every cached value equal to LibreOffice's.
/// </summary>
public sealed class CorpusTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-corpus-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_corpus_covers_every_supported_function_and_at_least_30_workbooks()
    {
        var files = Corpus.Files.ToList();
        Assert.True(files.Count >= 30, $"{files.Count} specs");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var spec = WorkbookSpec.Parse(File.ReadAllText(file));
            foreach (var sheet in spec.Sheets)
            {
                var texts = (sheet.Rows ?? []).SelectMany(r => r).Concat((sheet.Cells ?? []).Values)
                    .Where(v => v.ValueKind == System.Text.Json.JsonValueKind.String).Select(v => v.GetString()!).Where(t => t.StartsWith('='));
                foreach (var text in texts)
                {
                    foreach (var token in FormulaTokenizer.Tokenize(text[1..]).Where(t => t.Kind == FormulaTokenKind.Function))
                    {
                        used.Add(token.Text.ToUpperInvariant());
                    }
                }
            }
        }

        Assert.Empty(FormulaFunctions.Supported.Except(used));
    }

    [SkippableFact]
    public async Task Every_corpus_workbook_is_valid_and_LibreOffice_recalculates_it_to_the_cached_values()
    {
        ExternalTool.Require("soffice", "libreoffice-calc");
        var written = new List<(string Name, string Path, Dictionary<(string, CellAddress), XlsxCell> Formulas)>();
        foreach (var file in Corpus.Files)
        {
            var (bytes, _) = WorkbookWriter.Write(WorkbookSpec.Parse(await File.ReadAllTextAsync(file)));
            var path = Path.Combine(_folder, Path.GetFileNameWithoutExtension(file) + ".xlsx");
            await File.WriteAllBytesAsync(path, bytes);
            var context = new VerificationContext(path, path, _folder, null, TimeSpan.FromMinutes(1));
            await new XlsxCheck().CheckAsync(context, CancellationToken.None);
            Assert.True(context.Findings.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", context.Findings.Select(f => f.Message))}");
            written.Add((Path.GetFileName(file), path, Formulas(path)));
        }

        var office = LibreOffice.Find()!;
        var outputs = await office.ConvertAsync(written.Select(w => w.Path).ToList(), "xlsx", Path.Combine(_folder, "recalculated"), TimeSpan.FromMinutes(5));
        var total = 0;
        for (var i = 0; i < written.Count; i++)
        {
            var (compared, errors, mismatches) = XlsxCheck.Compare(written[i].Formulas, outputs[i]);
            Assert.True(errors.Count == 0 && mismatches.Count == 0, $"{written[i].Name}: {string.Join("; ", errors.Concat(mismatches))}");
            Assert.Equal(written[i].Formulas.Count, compared);
            total += compared;
        }

        Assert.True(total > 200, $"{total} formulas compared");
    }

    internal static Dictionary<(string, CellAddress), XlsxCell> Formulas(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = XlsxReader.Open(stream, path);
        return reader.Sheets.SelectMany(s => reader.Cells(s).Where(c => c.Formula is not null).Select(c => (s, c))).ToDictionary(x => (x.s, x.c.Address), x => x.c);
    }
}
