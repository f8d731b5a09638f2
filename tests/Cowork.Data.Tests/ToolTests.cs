using System.Text;

namespace Cowork.Data.Tests;

/// <summary>The tools through a real workspace and journal: previews write nothing, writes are new files, charts are images.</summary>
public sealed class ToolTests : IDisposable
{
    private readonly string _folder = TestFiles.TempFolder();
    private readonly Cowork.Files.Workspace _workspace;
    private readonly DataTools _tools;

    public ToolTests()
    {
        File.Copy(TestFiles.SalesCsv, Path.Combine(_folder, "sales.csv"));
        File.WriteAllText(Path.Combine(_folder, "regions.csv"), "region,manager\nNorth,Ada\nSouth,Grace\nEast,Linus\n");
        File.WriteAllText(Path.Combine(_folder, "messy.csv"), "name, amount ,when\n  alice  smith ,\"$1,200.50\",01/31/2024\nBOB JONES,$75,02/01/2024\n  alice  smith ,\"$1,200.50\",01/31/2024\n");
        _workspace = TestFiles.Workspace(_folder);
        _tools = new DataTools(_workspace, null);
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Profile_names_types_units_and_the_id_column()
    {
        var text = _tools.ProfileData("sales.csv");
        Assert.Contains("2,226 rows × 7 columns", text, StringComparison.Ordinal);
        Assert.Contains("Rows are named by order_id", text, StringComparison.Ordinal);
        Assert.Contains("| order_date | date |", text, StringComparison.Ordinal);
        var messy = _tools.ProfileData("messy.csv");
        Assert.Contains("| amount | number ($) |", messy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transform_preview_writes_nothing_and_the_write_makes_a_new_file()
    {
        TransformStep[] steps =
        [
            new("trim", Columns: ["name"]), new("case", Columns: ["name"], Value: "title"), new("normalize_numbers", Columns: ["amount"]),
            new("normalize_dates", Columns: ["when"]), new("deduplicate"), new("split", Column: "name", To: "first,last"),
        ];
        var preview = _tools.TransformData("messy.csv", steps);
        Assert.Contains("3 rows in, 2 rows out", preview, StringComparison.Ordinal);
        Assert.Contains("| Alice | Smith | 1200.5 | 2024-01-31 |", preview, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "messy.transformed.csv")));

        _tools.TransformData("messy.csv", steps, dry_run: false);
        Assert.Equal("first,last,amount,when\r\nAlice,Smith,1200.5,2024-01-31\r\nBob,Jones,75,2024-02-01\r\n", File.ReadAllText(Path.Combine(_folder, "messy.transformed.csv")));
        Assert.Contains("already exists", Assert.Throws<ToolException>(() => _tools.TransformData("messy.csv", steps, "sales.csv", dry_run: false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_join_unpivot_and_merge_stream_the_rows()
    {
        var joined = _tools.TransformData("sales.csv",
            [new("filter", Column: "revenue", Operator: ">", Value: "2000"), new("join", File: "regions.csv", On: "region", How: "left"), new("select", Columns: ["order_id", "region", "manager", "revenue"])],
            "big.csv", dry_run: false);
        Assert.Contains("4 rows", joined, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(_folder, "big.csv"));
        Assert.Equal("order_id,region,manager,revenue", lines[0]);
        Assert.Contains("1871,East,Linus,4375.00", lines);
        Assert.Contains("2256,West,,20000.00", lines); // no manager for West: a left join keeps the row

        var melted = _tools.TransformData("regions.csv", [new("merge", Columns: ["region", "manager"], Separator: ": ", To: "label"), new("unpivot", Columns: ["region"], To: "field,value")]);
        Assert.Contains("3 rows in, 6 rows out", melted, StringComparison.Ordinal);
        Assert.Contains("| North | label | North: Ada |", melted, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_pivot_matches_pandas_pivot_table()
    {
        var expected = TestFiles.Pandas($$$"""
            d = pd.read_csv({{{TestFiles.Quote(TestFiles.SalesCsv)}}})
            p = d.pivot_table(index="region", columns="product", values="revenue", aggfunc="sum")
            print(json.dumps({"columns": list(p.columns), "cells": {r: {c: float(v) for c, v in row.items()} for r, row in p.iterrows()}}))
            """);
        _tools.TransformData("sales.csv", [new("pivot", Columns: ["region"], Column: "product", Value: "revenue", How: "sum")], "wide.csv", dry_run: false);
        var lines = File.ReadAllLines(Path.Combine(_folder, "wide.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["region", .. expected.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)], header);
        var cells = expected.GetProperty("cells");
        Assert.Equal(cells.EnumerateObject().Count(), lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            for (var i = 1; i < header.Length; i++)
            {
                Assert.Equal(cells.GetProperty(fields[0]).GetProperty(header[i]).GetDouble(), double.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture), 6);
            }
        }
    }

    [Fact]
    public void Unpivot_then_pivot_gives_the_table_back_and_a_repeat_or_a_later_step_is_refused()
    {
        File.WriteAllText(Path.Combine(_folder, "wide.csv"), "team,q1,q2\nRed,3,4\nBlue,5,\n");
        _tools.TransformData("wide.csv", [new("unpivot", Columns: ["team"], To: "quarter,points")], "long.csv", dry_run: false);
        _tools.TransformData("long.csv", [new("pivot", Columns: ["team"], Column: "quarter", Value: "points")], "back.csv", dry_run: false);
        Assert.Equal("team,q1,q2\r\nRed,3,4\r\nBlue,5,\r\n", File.ReadAllText(Path.Combine(_folder, "back.csv")));

        var repeat = Assert.Throws<ToolException>(() => _tools.TransformData("sales.csv", [new("pivot", Columns: ["region"], Column: "product", Value: "revenue")]));
        Assert.Contains("more than one product", repeat.Message, StringComparison.Ordinal);
        var later = Assert.Throws<ToolException>(() => _tools.TransformData("long.csv", [new("pivot", Columns: ["team"], Column: "quarter", Value: "points"), new("select", Columns: ["team"])]));
        Assert.Contains("pivot must be the last step", later.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "sales.transformed.csv")));
    }

    [Fact]
    public void Analyses_name_rows_and_save_the_whole_table()
    {
        var text = _tools.AnalyzeData("sales.csv", "crosstab", rows_by: "region", columns_by: "quarter(order_date)", value_column: "revenue", save_as: "out/pivot.csv");
        Assert.Contains("| East | ", text, StringComparison.Ordinal);
        Assert.Contains("SUMIFS", text, StringComparison.Ordinal);
        var saved = File.ReadAllLines(Path.Combine(_folder, "out", "pivot.csv"));
        Assert.Equal("region \\ quarter(order_date),2025-Q1,2025-Q2,2025-Q3,2025-Q4,total", saved[0]);
        Assert.StartsWith("total,", saved[^1], StringComparison.Ordinal);
        Assert.EndsWith(",681953.25", saved[^1], StringComparison.Ordinal);
        Assert.Contains("order_id=2256", _tools.AnalyzeData("sales.csv", "top_n", column: "revenue", n: 3), StringComparison.Ordinal);
        Assert.Contains("Unknown operation", Assert.Throws<ToolException>(() => _tools.AnalyzeData("sales.csv", "magic")).Message, StringComparison.Ordinal);
        Assert.Contains("no column 'profit'", Assert.Throws<ToolException>(() => _tools.AnalyzeData("sales.csv", "outliers", column: "profit")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bar", "product", "revenue", "chart.png")]
    [InlineData("line", "order_date", "revenue", "chart.png")]
    [InlineData("scatter", "units", "revenue", "chart.svg")]
    [InlineData("histogram", null, "unit_price", "chart.png")]
    [InlineData("box", "region", "revenue", "chart.png")]
    [InlineData("pie", "region", "revenue", "chart.svg")]
    public void Charts_are_written_as_images(string kind, string? x, string y, string output)
    {
        var text = _tools.MakeChart("sales.csv", kind, x, y, output: output);
        Assert.StartsWith("Wrote ", text, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(Path.Combine(_folder, output));
        if (output.EndsWith(".png", StringComparison.Ordinal))
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
            Assert.Equal(1200, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        }
        else
        {
            var svg = Encoding.UTF8.GetString(bytes);
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.Contains("revenue", svg, StringComparison.OrdinalIgnoreCase);
        }
    }
}
