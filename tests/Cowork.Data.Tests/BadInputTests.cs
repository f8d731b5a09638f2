using System.Text;

namespace Cowork.Data.Tests;

/// <summary>Ragged rows, binary bytes, empty files, damaged workbooks, broken JSON: clear errors or per-row warnings, never a crash.</summary>
public sealed class BadInputTests
{
    private readonly string _folder = TestFiles.TempFolder();

    [Fact]
    public void An_empty_file_is_a_clear_error()
    {
        var path = Write("empty.csv", "");
        Assert.Contains("is empty", Assert.Throws<ToolException>(() => TestFiles.Open(path)).Message, StringComparison.Ordinal);
        var blank = Write("blank.csv", "\n\n  \n");
        Assert.Contains("no rows", Assert.Throws<ToolException>(() => TestFiles.Open(blank)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_named_csv_is_refused_before_reading()
    {
        var path = Path.Combine(_folder, "photo.csv");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        Assert.Contains("binary", Assert.Throws<ToolException>(() => TestFiles.Open(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ragged_rows_and_stray_bytes_are_warned_by_row_and_the_rest_is_read()
    {
        var path = Write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,\"x\u0001y\",12\n13,14,15,,\n");
        var profile = Profiler.Profile(TestFiles.Open(path));
        Assert.Equal(5, profile.Rows);
        Assert.Contains(profile.Warnings, w => w.StartsWith("1 × short row", StringComparison.Ordinal) && w.Contains("row 2: 2 fields, expected 3", StringComparison.Ordinal));
        Assert.Contains(profile.Warnings, w => w.StartsWith("1 × long row", StringComparison.Ordinal) && w.Contains("row 3", StringComparison.Ordinal));
        Assert.Contains(profile.Warnings, w => w.Contains("control or undecodable bytes", StringComparison.Ordinal) && w.Contains("row 4", StringComparison.Ordinal));
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("row 5", StringComparison.Ordinal));
        Assert.Equal(1, profile.Columns[2].Nulls);
    }

    [Fact]
    public void Windows_1252_text_semicolons_and_decimal_commas_are_sniffed()
    {
        var path = Path.Combine(_folder, "europe.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, Encoding.GetEncoding(1252).GetBytes("ville;montant;date\nZürich;1.234,50 €;31.01.2024\nGenève;99,00 €;29.02.2024\nMünchen;7,25 €;01.03.2024\n"));
        var data = TestFiles.Open(path);
        Assert.Equal("csv (delimiter ';')", data.Format);
        var profile = Profiler.Profile(data);
        Assert.Equal("Genève", profile.Columns[0].Min);
        Assert.Equal(1340.75, profile.Columns[1].Sum!.Value, 9);
        Assert.Equal("€", profile.Columns[1].Format.Unit);
        Assert.Equal("2024-03-01", profile.Columns[2].Max);
    }

    [Fact]
    public void A_damaged_workbook_and_broken_json_are_clear_errors()
    {
        var xlsx = Write("broken.xlsx", "PK this is not a zip");
        Assert.Contains("not a readable .xlsx", Assert.Throws<ToolException>(() => Profiler.Profile(TestFiles.Open(xlsx))).Message, StringComparison.Ordinal);
        var json = Write("broken.json", "[{\"a\": 1}, {\"a\": 2,,}]");
        Assert.Contains("not valid JSON", Assert.Throws<ToolException>(() => Profiler.Profile(TestFiles.Open(json))).Message, StringComparison.Ordinal);
        var notArray = Write("object.json", "{\"a\": 1}");
        Assert.Contains("not a JSON array", Assert.Throws<ToolException>(() => TestFiles.Open(notArray)).Message, StringComparison.Ordinal);
        Assert.Contains(".xls file", Assert.Throws<ToolException>(() => TestFiles.Open(Write("old.xls", "x"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_array_of_records_is_read_with_its_keys_as_columns()
    {
        var path = Write("records.json", "[{\"id\": 1, \"city\": \"Oslo\", \"temp\": -3.5}, {\"id\": 2, \"city\": \"Rome\", \"temp\": 14, \"extra\": true}, {\"id\": 3, \"city\": null, \"temp\": 9.5}]");
        var profile = Profiler.Profile(TestFiles.Open(path));
        Assert.Equal(["id", "city", "temp", "extra"], profile.Columns.Select(c => c.Name));
        Assert.Equal(3, profile.Rows);
        Assert.Equal(20.0 / 3, profile.Columns[2].Mean!.Value, 9);
        Assert.Equal(1, profile.Columns[1].Nulls);
    }

    [Fact]
    public void An_unclosed_quote_does_not_swallow_the_file_into_memory()
    {
        var text = new StringBuilder("a,b\n1,\"never closed\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(i).Append(",x\n");
        }

        var path = Write("quote.csv", text.ToString());
        var profile = Profiler.Profile(TestFiles.Open(path));
        Assert.True(profile.Rows >= 1);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
