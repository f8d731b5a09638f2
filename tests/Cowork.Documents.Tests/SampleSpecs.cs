using SkiaSharp;

namespace Cowork.Documents.Tests;

/// <summary>A realistic deck and report that use every layout and block, for the writer, checker and render tests.</summary>
internal static class SampleSpecs
{
    public static DeckSpec Deck(string imagePath) => new()
    {
        Title = "Q3 Operations Review",
        Author = "Operations team",
        Slides =
        [
            new() { Layout = "title", Title = "Q3 Operations Review", Subtitle = "Warehouse, delivery and support metrics · October 2026", Notes = "Welcome everyone; this takes 20 minutes." },
            new() { Layout = "section", Title = "Where we stand", Subtitle = "Three numbers that matter this quarter" },
            new()
            {
                Layout = "bullets", Title = "Highlights",
                Bullets =
                [
                    "On-time delivery rose to **96.2%**, up from 91.5% in Q2",
                    "Support backlog cut by a third after the triage rota started",
                    new ListItem("Median first response now 3.1 hours", 1),
                    new ListItem("Weekend coverage still thin", 1),
                    "Warehouse pick errors flat at 0.8%; scanner upgrade slips to Q4",
                    "Costs 4% under budget, mostly from renegotiated freight",
                ],
                Notes = "Stress the delivery number; it is the one the board asked about.",
            },
            new()
            {
                Layout = "two_column", Title = "What worked and what did not",
                LeftHeading = "Worked", Left = ["Triage rota for support", "Freight contract renegotiation", "Weekly ops stand-up"],
                RightHeading = "Did not", Right = ["Scanner roll-out (vendor delay)", "Night-shift hiring: 2 of 5 roles filled"],
            },
            new()
            {
                Layout = "chart", Title = "On-time delivery by month",
                Chart = new SlideChartSpec
                {
                    Type = "column", Categories = ["Jul", "Aug", "Sep"], NumberFormat = "0.0",
                    Series = [new() { Name = "On time %", Values = [94.8, 96.1, 97.6] }, new() { Name = "Target %", Values = [95, 95, 95] }],
                },
                Notes = "September is the best month on record.",
            },
            new() { Layout = "image", Title = "New packing line layout", Image = imagePath, Alt = "Floor plan of the new packing line with three stations", Caption = "Stations A-C replace the old single bench." },
            new()
            {
                Layout = "table", Title = "Action items",
                Columns = ["Action", "Owner", "Due"],
                Rows =
                [
                    ["Finish scanner roll-out", "Priya", "2026-11-15"],
                    ["Hire three night-shift leads", "Marco", "2026-12-01"],
                    ["Publish weekend support rota", "Dana", "2026-10-20"],
                ],
            },
            new() { Layout = "quote", Quote = "The triage rota is the first change in years that customers noticed within a week.", Attribution = "Dana Whitfield, Support lead" },
        ],
    };

    public static DocumentSpec Report(string imagePath) => new()
    {
        Title = "Q3 Operations Review",
        Subtitle = "Warehouse, delivery and support",
        Author = "Operations team",
        PageSize = "a4",
        Footer = "Internal",
        Blocks =
        [
            new() { Type = "heading", Text = "Summary", Level = 1 },
            new() { Type = "paragraph", Text = "On-time delivery rose to **96.2%** this quarter, the best result since the new routing went live. See the [routing notes](https://example.com/routing) for details." },
            new() { Type = "bullets", Items = ["Support backlog cut by a third", new ListItem("Median first response 3.1 hours", 1), "Costs 4% under budget"] },
            new() { Type = "heading", Text = "Delivery", Level = 1 },
            new() { Type = "heading", Text = "By month", Level = 2 },
            new()
            {
                Type = "chart", Caption = "Figure 1. On-time delivery by month",
                Chart = new SlideChartSpec { Type = "line", Categories = ["Jul", "Aug", "Sep"], Series = [new() { Name = "On time %", Values = [94.8, 96.1, 97.6] }] },
            },
            new() { Type = "image", Path = imagePath, Alt = "Floor plan of the new packing line", Caption = "Figure 2. The new packing line", WidthInches = 4 },
            new() { Type = "heading", Text = "Next steps", Level = 1 },
            new() { Type = "numbered", Items = ["Finish the scanner roll-out", "Hire night-shift leads", "Publish the weekend rota"] },
            new()
            {
                Type = "table", Caption = "Table 1. Action items",
                Columns = ["Action", "Owner", "Due"],
                Rows = [["Finish scanner roll-out", "Priya", "2026-11-15"], ["Hire three night-shift leads", "Marco", "2026-12-01"]],
            },
            new() { Type = "quote", Text = "The triage rota is the first change customers noticed within a week." },
        ],
    };

    /// <summary>A small PNG diagram written to <paramref name="path"/>.</summary>
    public static string Image(string path)
    {
        using var bitmap = new SKBitmap(800, 450);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xEE, 0xF1, 0xF6));
            using var paint = new SKPaint { Color = new SKColor(0x2A, 0x6F, 0x97), IsAntialias = true };
            for (var i = 0; i < 3; i++)
            {
                canvas.DrawRect(60 + (i * 250), 120, 180, 210, paint);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    public static LoadedImage Load(string path) => LoadedImage.From(File.ReadAllBytes(path), Path.GetFileName(path));
}
