using System.Text;

namespace Cowork.Files.Tests;

public sealed class TextFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-read-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Read(string name, byte[] bytes, int first = 1, int count = 200)
    {
        File.WriteAllBytes(Path.Combine(_folder, name), bytes);
        using var root = FolderRoot.Open(_folder);
        return TextFileReader.Read(root, RelativePath.Parse(name), name, first, count);
    }

    [Fact]
    public void Utf8_text_is_read_by_lines_with_paging()
    {
        var text = string.Join('\n', Enumerable.Range(1, 300).Select(i => $"line {i} – café"));
        var first = Read("a.txt", Encoding.UTF8.GetBytes(text));
        Assert.Contains("utf-8", first, StringComparison.Ordinal);
        Assert.Contains("line 1 – café", first, StringComparison.Ordinal);
        Assert.Contains("first_line=201", first, StringComparison.Ordinal);
        Assert.Contains("line 250 – café", Read("a.txt", Encoding.UTF8.GetBytes(text), first: 250, count: 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1_and_utf16_text_are_decoded()
    {
        Assert.Contains("Crème brûlée à la française", Read("l.txt", Encoding.Latin1.GetBytes("Crème brûlée à la française, déjà vu, très élégant, naïve façade\n")), StringComparison.Ordinal);
        Assert.Contains("Grüße", Read("u.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Grüße aus Köln\n")]), StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_files_are_described_not_dumped()
    {
        var result = Read("x.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13, 1, 2, 3]);
        Assert.Contains("binary file", result, StringComparison.Ordinal);
        Assert.Contains("Images", result, StringComparison.Ordinal);
    }
}
