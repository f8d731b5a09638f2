using System.Globalization;
using System.Text.Json;

namespace Cowork.Documents;

/// <summary>
/// The expense-report workbook for a batch of receipts: a Receipts sheet (category by VLOOKUP from a Categories
/// sheet, month by TEXT, large amounts highlighted, totals by SUMIFS per currency), a Summary by category and month
/// built with SUMIFS, and the receipts that need review.
/// </summary>
internal static class ExpenseReport
{
    public static WorkbookSpec Build(ReceiptBatch batch, decimal largeAmount)
    {
        if (batch.Receipts.Count == 0)
        {
            throw new ToolException("No receipt could be read, so there is no report to make" +
                (batch.Unreadable.Count > 0 ? $"; to review: {string.Join(", ", batch.Unreadable.Select(u => $"{u.File} ({u.Reason})"))}." : "."));
        }

        var receipts = batch.Receipts;
        var last = receipts.Count + 1;
        var merchants = receipts.GroupBy(r => r.Merchant, StringComparer.OrdinalIgnoreCase).Select(g => (Merchant: g.First().Merchant, g.First().Category)).OrderBy(m => m.Merchant, StringComparer.OrdinalIgnoreCase).ToList();
        var lookup = $"Categories!$A$2:$B${merchants.Count + 1}";
        var rows = new List<List<JsonElement>> { Row("Date", "Merchant", "Category", "Amount", "Currency", "Month", "Receipt") };
        for (var i = 0; i < receipts.Count; i++)
        {
            var r = receipts[i];
            var n = i + 2;
            rows.Add(Row(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "'" + r.Merchant, $"=IFERROR(VLOOKUP(B{n},{lookup},2,FALSE),\"Uncategorized\")",
                (double)r.Amount, r.Currency, $"=TEXT(A{n},\"yyyy-mm\")", "'" + r.File));
        }

        var currencies = batch.TotalsByCurrency.Keys.ToList();
        rows.Add(Row());
        foreach (var currency in currencies)
        {
            rows.Add(Row(null, $"Total {currency}", null, $"=SUMIFS(D2:D{last},E2:E{last},\"{currency}\")", currency));
        }

        var totalsFirst = last + 2;
        var receiptsSheet = new SheetSpec
        {
            Name = "Receipts",
            Rows = rows,
            Freeze = "A2",
            Autofilter = $"A1:G{last}",
            Formats =
            [
                new FormatSpec { Range = $"D2:D{totalsFirst + currencies.Count}", NumberFormat = "decimal" },
                new FormatSpec { Range = $"B{totalsFirst}:D{totalsFirst + currencies.Count - 1}", Bold = true },
                new FormatSpec { Range = $"B{totalsFirst}:E{totalsFirst + currencies.Count - 1}", Border = "bottom" },
            ],
            ConditionalFormats =
            [
                new ConditionalFormatSpec { Range = $"D2:D{last}", Type = "greater_or_equal", Value = JsonSerializer.SerializeToElement((double)largeAmount), Fill = "#FFC7CE", FontColor = "#9C0006" },
            ],
            Validations = [new ValidationSpec { Range = $"E2:E{last}", List = currencies.Union(["EUR", "USD", "GBP"]).ToList() }],
            Widths = new Dictionary<string, double> { ["A"] = 12, ["D"] = 12, ["F"] = 10 },
        };

        var categories = merchants.Select(m => m.Category).Append("Uncategorized").Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var months = receipts.Select(r => r.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Distinct().Order(StringComparer.Ordinal).ToList();
        var summaryRows = new List<List<JsonElement>>();
        var formats = new List<FormatSpec>();
        var charts = new List<ChartSpec>();
        var row = 1;
        foreach (var currency in currencies)
        {
            summaryRows.Add(Row($"Expenses in {currency} by category and month"));
            formats.Add(new FormatSpec { Range = $"A{row}", Bold = true, FontSize = 13 });
            row++;
            var header = new List<object?> { "Category" };
            header.AddRange(months.Select(m => (object?)(m + "-01")));
            header.Add("Total");
            summaryRows.Add(Row([.. header]));
            var headerRow = row;
            formats.Add(new FormatSpec { Range = $"A{row}:{Column(months.Count + 2)}{row}", Bold = true, Fill = "#DCE6F1", Border = "bottom", NumberFormat = "month", Align = "right" });
            formats.Add(new FormatSpec { Range = $"A{row}", Align = "left" });
            row++;
            var first = row;
            foreach (var category in categories)
            {
                var cells = new List<object?> { category };
                for (var m = 0; m < months.Count; m++)
                {
                    var col = Column(m + 2);
                    // Months as date ranges, not month labels: LibreOffice and Excel read a criterion like "2024-03" as a date.
                    cells.Add($"=SUMIFS(Receipts!$D$2:$D${last},Receipts!$C$2:$C${last},$A{row},Receipts!$A$2:$A${last},\">=\"&{col}${headerRow}," +
                        $"Receipts!$A$2:$A${last},\"<=\"&EOMONTH({col}${headerRow},0),Receipts!$E$2:$E${last},\"{currency}\")");
                }

                cells.Add($"=SUM(B{row}:{Column(months.Count + 1)}{row})");
                summaryRows.Add(Row([.. cells]));
                row++;
            }

            var totals = new List<object?> { "Total" };
            for (var m = 0; m < months.Count + 1; m++)
            {
                var col = Column(m + 2);
                totals.Add($"=SUM({col}{first}:{col}{row - 1})");
            }

            summaryRows.Add(Row([.. totals]));
            formats.Add(new FormatSpec { Range = $"B{first}:{Column(months.Count + 2)}{row}", NumberFormat = $"currency:{currency}" });
            formats.Add(new FormatSpec { Range = $"A{row}:{Column(months.Count + 2)}{row}", Bold = true, Border = "bottom" });
            charts.Add(new ChartSpec
            {
                Type = "bar",
                Title = $"Total by category ({currency})",
                Categories = $"A{first}:A{row - 1}",
                Series = [new ChartSeriesSpec { Name = $"Total {currency}", Values = $"{Column(months.Count + 2)}{first}:{Column(months.Count + 2)}{row - 1}" }],
                Width = months.Count + 2,
                Height = Math.Max(10, categories.Count + 6),
            });
            row += 2;
            summaryRows.Add(Row());
        }

        // The charts go under the tables, one after the other, so they print on the page's width.
        var at = row;
        for (var c = 0; c < charts.Count; c++)
        {
            charts[c] = charts[c] with { Anchor = $"A{at}" };
            at += charts[c].Height + 1;
        }

        var sheets = new List<SheetSpec>
        {
            new() { Name = "Summary", Rows = summaryRows, Header = false, Formats = formats, Charts = charts, Widths = new Dictionary<string, double> { ["A"] = 18 } },
            receiptsSheet,
            new()
            {
                Name = "Categories",
                Rows = [Row("Merchant", "Category"), .. merchants.Select(m => Row("'" + m.Merchant, "'" + m.Category))],
                Freeze = "A2",
                Validations = [new ValidationSpec { Range = $"B2:B{merchants.Count + 1}", List = categories.Where(c => c != "Uncategorized").Union(["Lodging", "Meals", "Office supplies", "Other", "Software", "Travel"]).Order(StringComparer.Ordinal).ToList() }],
            },
        };
        if (batch.Unreadable.Count > 0)
        {
            sheets.Add(new SheetSpec
            {
                Name = "Needs review",
                Rows = [Row("Receipt", "Why it was not read"), .. batch.Unreadable.Select(u => Row("'" + u.File, "'" + u.Reason))],
                Freeze = "A2",
            });
        }

        return new WorkbookSpec { Sheets = sheets };
    }

    private static string Column(int n) => CellAddress.ColumnName(n);

    private static List<JsonElement> Row(params object?[] values) => values.Select(v => JsonSerializer.SerializeToElement(v)).ToList();
}
