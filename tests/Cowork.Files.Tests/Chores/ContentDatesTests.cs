using System.IO.Compression;
using System.Text;

namespace Cowork.Files.Tests;

public sealed class ContentDatesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-dates-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (DateTime Date, string Source) DateOf(string name, byte[] bytes, DateTime modified)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTime(path, modified);
        using var root = FolderRoot.Open(_folder);
        var relative = RelativePath.Parse(name);
        return ContentDates.Of(root, relative, root.Stat(relative)!);
    }

    private static readonly DateTime Modified = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Local);

    [Fact]
    public void A_pdf_is_dated_by_its_creation_date()
    {
        var (date, source) = DateOf("scan.pdf", Pdf("(D:20190704120000Z)"), Modified);
        Assert.Equal(new DateTime(2019, 7, 4), date.Date);
        Assert.Equal("document created", source);
    }

    [Fact]
    public void An_office_document_is_dated_by_its_core_properties()
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var core = new StreamWriter(zip.CreateEntry("docProps/core.xml").Open());
            core.Write("""<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2021-11-30T09:00:00Z</dcterms:created></cp:coreProperties>""");
        }

        var (date, source) = DateOf("report.docx", bytes.ToArray(), Modified);
        Assert.Equal(new DateTime(2021, 11, 30), date.Date);
        Assert.Equal("document created", source);
    }

    [Theory]
    [InlineData("broken.pdf")]
    [InlineData("broken.docx")]
    [InlineData("broken.jpg")]
    public void Damaged_files_fall_back_to_the_name_then_the_modification_time(string name)
    {
        var garbage = Encoding.ASCII.GetBytes("%PDF-1.4 this is not really a document");
        Assert.Equal(("modified", Modified), (DateOf(name, garbage, Modified).Source, DateOf(name, garbage, Modified).Date));
        Assert.Equal("name", DateOf("2020-02-02 " + name, garbage, Modified).Source);
    }

    /// <summary>A minimal one-page PDF whose document information has <paramref name="creationDate"/>.</summary>
    private static byte[] Pdf(string creationDate)
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            $"<< /CreationDate {creationDate} /Producer (test) >>",
        ];
        var text = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(text.ToString()));
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(text.ToString());
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
