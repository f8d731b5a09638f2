using System.Globalization;
using Cowork.Documents;

namespace Cowork.Data;

/// <summary>
/// Analyses as a workbook an analyst can check: a Summary sheet of findings, a sheet per analysis, and the rows
/// themselves on a Data sheet. A group-by, cross-tab or time series becomes formulas over the Data sheet (SUMIFS,
/// COUNTIFS, AVERAGEIFS, MINIFS, MAXIFS with the keys as criteria; totals, shares, moving averages and changes as
/// formulas over those), each stored with the value the analysis computed, so recalculating the workbook
/// (verify_document) shows the formulas and the analysis agree. Other results are written as values.
/// </summary>
internal static class AnalysisWorkbook
{
    public const string DataSheet = "Data";

    private static readonly string[] Formulable = ["count", "sum", "mean", "min", "max"];

    /// <exception cref="ToolException">The data has more rows than a sheet holds.</exception>
    public static AnalysisWorkbookSummary Write(Dataset data, IReadOnlyList<AnalysisResult> results, Stream output, CancellationToken cancellationToken)
    {
        var layouts = Plan(data, results);
        var formulas = 0;
        using var writer = new StreamingWorkbookWriter(output);
        WriteSummary(writer, data, layouts);
        foreach (var layout in layouts)
        {
            formulas += layout.Pivot is not { } keys ? WriteValues(writer, layout)
                : keys.Columns is not null ? WriteCrossTab(writer, layout, keys, layout.Result.Table)
                : keys.Definition.IsTimeSeries ? WriteTimeSeries(writer, layout, keys, layout.Result.Table)
                : WriteGroupBy(writer, layout, keys, layout.Result.Table);
        }

        var rows = WriteData(writer, data, cancellationToken);
        writer.Finish();
        return new AnalysisWorkbookSummary([.. layouts.Select(l => l.Sheet).Prepend("Summary").Append(DataSheet)], formulas, rows);
    }

    /// <summary>One result's sheet: its name, and the pivot that makes it formulas (or why it is values).</summary>
    private sealed record Layout(AnalysisResult Result, string Sheet, PivotKeys? Pivot, string? ValuesBecause);

    /// <summary>The keys of a pivot as the formulas need them.</summary>
    private sealed record PivotKeys(PivotDefinition Definition, KeyExpression Rows, KeyExpression? Columns, string? ValueRange);

    private static List<Layout> Plan(Dataset data, IReadOnlyList<AnalysisResult> results)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Summary", DataSheet };
        var layouts = new List<Layout>();
        foreach (var result in results)
        {
            var sheet = SheetName(result.Pivot is { } named ? ShortTitle(named) : result.Title, used);
            string? because = null;
            PivotKeys? keys = null;
            if (result.Pivot is not { } pivot)
            {
                // Not a table of aggregates (describe, outliers, correlation, top rows): its values are the result.
            }
            else if (pivot.Percent is not null)
            {
                because = "percentages are written as values";
            }
            else if (!Formulable.Contains(pivot.Aggregate))
            {
                because = $"Excel has no {pivot.Aggregate} with criteria, so the numbers are values";
            }
            else
            {
                var rows = KeyExpression.Parse(data, pivot.RowKey);
                var columns = pivot.ColumnKey is null ? null : KeyExpression.Parse(data, pivot.ColumnKey);
                because = Ambiguous(rows, pivot.RowKeys) ?? (columns is null ? null : Ambiguous(columns, pivot.ColumnKeys));
                if (because is null)
                {
                    keys = new PivotKeys(pivot, rows, columns, pivot.Value is null ? null : ColumnRange(data.Column(pivot.Value)));
                }
            }

            layouts.Add(new Layout(result, sheet, keys, because));
        }

        return layouts;
    }

    /// <summary>Why criteria cannot tell the keys apart (SUMIFS compares text ignoring case, and "1" and "1.0" are one number), or null.</summary>
    private static string? Ambiguous(KeyExpression key, IReadOnlyList<string> keys)
    {
        if (key.Period is not null)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var k in keys)
        {
            if (!seen.Add(Literal(key, k)))
            {
                return $"the {key.Text} values \"{k}\" and another differ only in case or notation, which criteria cannot tell apart, so the numbers are values";
            }
        }

        return null;
    }

    private static void WriteSummary(StreamingWorkbookWriter writer, Dataset data, List<Layout> layouts)
    {
        writer.BeginSheet("Summary", [new StreamingColumn($"Analysis of {Path.GetFileName(data.DisplayName)}", Width: 75, Wrap: true)]);
        foreach (var layout in layouts)
        {
            writer.WriteRow([StreamingCell.Blank]);
            writer.WriteEmphasizedRow([StreamingCell.Of($"{layout.Result.Title} (sheet {layout.Sheet})")]);
            foreach (var finding in layout.Result.Findings)
            {
                writer.WriteRow([StreamingCell.Of(finding)]);
            }

            if (layout.Pivot is not null)
            {
                writer.WriteRow([StreamingCell.Of($"Its numbers are formulas over the {DataSheet} sheet: they recalculate when the data changes.")]);
            }
            else if (layout.ValuesBecause is { } because)
            {
                writer.WriteRow([StreamingCell.Of($"Written as values: {because}.")]);
            }

            foreach (var warning in layout.Result.Warnings.Take(10))
            {
                writer.WriteRow([StreamingCell.Of("Problem in the file: " + warning)]);
            }
        }
    }

    private static int WriteValues(StreamingWorkbookWriter writer, Layout layout)
    {
        var table = layout.Result.Table;
        writer.BeginSheet(layout.Sheet, [.. table.Columns.Select((c, i) => new StreamingColumn(c, i == 0 ? null : NumberFormatOf(table, i), Width(c, i == 0 ? 22 : 12)))]);
        foreach (var row in table.Rows)
        {
            writer.WriteRow([.. row.Select(Value)]);
        }

        return 0;
    }

    /// <summary>Key, one column per aggregate, the share of the total; a total row.</summary>
    private static int WriteGroupBy(StreamingWorkbookWriter writer, Layout layout, PivotKeys keys, ResultTable table)
    {
        var aggregates = table.Columns.Select(c => AggregateOf(c, keys.Definition.Value)).ToArray();
        var share = table.Columns.Count - 1;
        // The analysis gives shares of the total only when its first aggregate adds up (a count or a sum).
        var hasShare = table.Columns[^1] == "share_of_total_%" && aggregates[1] is "count" or "sum";
        var first = 2;
        var last = table.Rows.Count + 1;
        var total = last + 1;
        writer.BeginSheet(layout.Sheet, [.. table.Columns.Select((c, i) => i == 0 ? KeyColumn(c, keys.Rows)
            : hasShare && i == share ? new StreamingColumn("share_of_total", "percent1", 16)
            : new StreamingColumn(c, aggregates[i] == "count" ? "integer" : "decimal", Width(c, 14)))]);
        var formulas = 0;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var key = (string)row[0]!;
            var criteria = KeyCriteria(keys.Rows, key);
            var cells = new StreamingCell[row.Length];
            cells[0] = KeyCell(keys.Rows, key);
            for (var i = 1; i < row.Length; i++)
            {
                cells[i] = hasShare && i == share
                    ? Formula($"IF(B${total}=0,\"\",B{r + first}/B${total})", Fraction(row[i]))
                    : aggregates[i] is { } aggregate ? Aggregate(aggregate, keys.ValueRange, criteria, row[i]) : Value(row[i]);
                formulas += cells[i].Formula is null ? 0 : 1;
            }

            writer.WriteRow(cells);
        }

        var totals = new StreamingCell[table.Columns.Count];
        totals[0] = StreamingCell.Of("Total");
        for (var i = 1; i < totals.Length; i++)
        {
            var column = StreamingWorkbookWriter.ColumnName(i + 1);
            var isShare = hasShare && i == share;
            var values = table.Rows.Select(row => ResultTable.Number(row[i]) / (isShare ? 100 : 1)).ToList();
            totals[i] = isShare || aggregates[i] is "count" or "sum"
                ? Formula($"SUM({column}{first}:{column}{last})", values.Where(v => !double.IsNaN(v)).Sum())
                : StreamingCell.Blank;
            formulas += totals[i].Formula is null ? 0 : 1;
        }

        writer.WriteEmphasizedRow(totals);
        if (table.Rows.Count is >= 2 and <= MaxChartBars && aggregates.Length > 1 && aggregates[1] is not null)
        {
            writer.AddChart("column", $"{table.Columns[1]} by {table.Columns[0]}", $"A{first}:A{last}", [(table.Columns[1], $"B{first}:B{last}")],
                $"{StreamingWorkbookWriter.ColumnName(table.Columns.Count + 2)}2", table.Columns[0], table.Columns[1]);
        }

        return formulas;
    }

    /// <summary>Row keys down, column keys across, the totals the analysis computed in the last row and column.</summary>
    private static int WriteCrossTab(StreamingWorkbookWriter writer, Layout layout, PivotKeys keys, ResultTable table)
    {
        var aggregate = keys.Definition.Aggregate;
        var additive = aggregate is "count" or "sum";
        var columnKeys = keys.Definition.ColumnKeys;
        var format = aggregate == "count" ? "integer" : "decimal";
        writer.BeginSheet(layout.Sheet, [.. table.Columns.Select((c, i) => i == 0 ? KeyColumn(c, keys.Rows) : new StreamingColumn(c, format, Width(c, 12)))]);
        var first = 2;
        var last = table.Rows.Count; // the analysis' own total row comes after the keyed rows
        var lastKeyColumn = StreamingWorkbookWriter.ColumnName(columnKeys.Count + 1);
        var rowsPresent = Presence(keys.Rows, keys.Definition.RowKeys);
        var columnsPresent = Presence(keys.Columns!, columnKeys);
        var formulas = 0;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var isTotal = r == table.Rows.Count - 1;
            var sheetRow = r + first;
            var rowCriteria = isTotal ? rowsPresent : KeyCriteria(keys.Rows, (string)row[0]!);
            var cells = new StreamingCell[row.Length];
            cells[0] = isTotal ? StreamingCell.Of("Total") : KeyCell(keys.Rows, (string)row[0]!);
            for (var i = 1; i < row.Length; i++)
            {
                var isTotalColumn = i == row.Length - 1;
                var column = StreamingWorkbookWriter.ColumnName(i + 1);
                cells[i] = (additive, isTotal, isTotalColumn) switch
                {
                    (true, _, true) => Formula($"SUM(B{sheetRow}:{lastKeyColumn}{sheetRow})", ResultTable.Number(row[i])),
                    (true, true, false) => Formula($"SUM({column}{first}:{column}{last})", ResultTable.Number(row[i])),
                    _ => Aggregate(aggregate, keys.ValueRange, [.. rowCriteria, .. isTotalColumn ? columnsPresent : KeyCriteria(keys.Columns!, columnKeys[i - 1])], row[i]),
                };
                formulas += cells[i].Formula is null ? 0 : 1;
            }

            if (isTotal)
            {
                writer.WriteEmphasizedRow(cells);
            }
            else
            {
                writer.WriteRow(cells);
            }
        }

        return formulas;
    }

    /// <summary>One row per period (empty ones included); for counts and sums the moving average and change are formulas over the period column.</summary>
    private static int WriteTimeSeries(StreamingWorkbookWriter writer, Layout layout, PivotKeys keys, ResultTable table)
    {
        var aggregate = keys.Definition.Aggregate;
        var additive = aggregate is "count" or "sum";
        var window = int.Parse(table.Columns[2]["moving_average_".Length..], CultureInfo.InvariantCulture);
        writer.BeginSheet(layout.Sheet, [
            new StreamingColumn(table.Columns[0], Width: 14),
            new StreamingColumn(table.Columns[1], aggregate == "count" ? "integer" : "decimal", Width(table.Columns[1], 14)),
            new StreamingColumn(table.Columns[2], "decimal", 20),
            new StreamingColumn("change", "percent1", 12)]);
        var formulas = 0;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var sheetRow = r + 2;
            var value = Aggregate(aggregate, keys.ValueRange, KeyCriteria(keys.Rows, (string)row[0]!), row[1]);
            var moving = !additive ? Value(row[2]) : r + 1 >= window ? Formula($"AVERAGE(B{sheetRow - window + 1}:B{sheetRow})", ResultTable.Number(row[2])) : StreamingCell.Blank;
            var change = !additive ? Value(Fraction(row[3])) : r > 0 ? Formula($"IF(B{sheetRow - 1}=0,\"\",(B{sheetRow}-B{sheetRow - 1})/ABS(B{sheetRow - 1}))", Fraction(row[3])) : StreamingCell.Blank;
            writer.WriteRow([StreamingCell.Of((string)row[0]!), value, moving, change]);
            formulas += new[] { value, moving, change }.Count(c => c.Formula is not null);
        }

        if (table.Rows.Count is >= 2 and <= 2_000)
        {
            var last = table.Rows.Count + 1;
            writer.AddChart("line", layout.Result.Title, $"A2:A{last}", [(table.Columns[1], $"B2:B{last}"), (table.Columns[2], $"C2:C{last}")], "F2", table.Columns[0], table.Columns[1]);
        }

        return formulas;
    }

    /// <summary>The data as the analyses read it: numbers and dates as numbers, booleans as 1/0, values that do not read as their column's kind kept as text.</summary>
    private static long WriteData(StreamingWorkbookWriter writer, Dataset data, CancellationToken cancellationToken)
    {
        writer.BeginSheet(DataSheet, [.. data.Columns.Select(c => new StreamingColumn(c.Name, c.Format.Kind switch
        {
            ColumnKind.Date => "date",
            ColumnKind.DateTime => "datetime",
            ColumnKind.Number when c.Format.Unit is { Length: > 0 } unit && unit != "%" => "decimal",
            _ => null,
        }, Math.Clamp(c.Name.Length + 4, 10, 40)))], autoFilter: true);
        var cells = new StreamingCell[data.Columns.Count];
        var rows = 0L;
        foreach (var row in data.Rows(new LoadWarnings(), cancellationToken))
        {
            if (++rows > MaxDataRows)
            {
                throw new ToolException($"{data.DisplayName} has more than {MaxDataRows:N0} rows, more than a sheet holds: filter or aggregate it first (transform_data), or keep the tables as CSV (analyze_data with save_as).");
            }

            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = DataCell(data.Columns[i].Format, i < row.Fields.Length ? row.Fields[i] : null);
            }

            writer.WriteRow(cells);
        }

        return rows;
    }

    private const int MaxDataRows = 1_048_575;

    /// <summary>More groups than this make a column chart unreadable; the table is still there.</summary>
    private const int MaxChartBars = 40;

    private static StreamingCell DataCell(ColumnFormat format, string? field)
    {
        if (ColumnFormat.IsNull(field))
        {
            return StreamingCell.Blank;
        }

        return format.Kind switch
        {
            ColumnKind.Integer or ColumnKind.Number when format.TryNumber(field!, out var number) => StreamingCell.Of(number),
            ColumnKind.Date or ColumnKind.DateTime when format.TryDate(field!, out var date) => StreamingCell.Of(date.ToOADate()),
            ColumnKind.Boolean when ColumnFormat.TryBoolean(field!, out var flag) => StreamingCell.Of(flag ? 1 : 0),
            _ => StreamingCell.Of(field!),
        };
    }

    /// <summary>COUNTIFS, SUMIFS, AVERAGEIFS, MINIFS or MAXIFS over the Data sheet; an aggregate of no rows stays blank, as in the analysis.</summary>
    private static StreamingCell Aggregate(string aggregate, string? valueRange, IReadOnlyList<string> criteria, object? value)
    {
        var pairs = string.Join(',', criteria);
        var formula = aggregate switch
        {
            // A count of a value column counts the rows whose value is a number (as pandas counts non-missing values):
            // "<1E+308" matches every number and no text.
            "count" when valueRange is not null => $"COUNTIFS({pairs},{valueRange},\"<1E+308\")",
            "count" => $"COUNTIFS({pairs})",
            "sum" => $"SUMIFS({valueRange},{pairs})",
            "mean" => $"AVERAGEIFS({valueRange},{pairs})",
            "min" => $"MINIFS({valueRange},{pairs})",
            _ => $"MAXIFS({valueRange},{pairs})",
        };
        var number = ResultTable.Number(value);
        return !double.IsNaN(number) ? Formula(formula, number)
            : aggregate == "mean" ? Formula($"IFERROR({formula},\"\")", "")
            : StreamingCell.Blank;
    }

    /// <summary>The criteria pairs ("range,criterion") that pick the rows of one key.</summary>
    private static List<string> KeyCriteria(KeyExpression key, string value)
    {
        var range = ColumnRange(key.Column);
        if (key.Period is { } period)
        {
            var start = KeyExpression.PeriodStart(value, period);
            return [$"{range},\">=\"&{Date(start)}", $"{range},\"<\"&{Date(TimeSeries.Next(start, period))}"];
        }

        return [$"{range},{Literal(key, value)}"];
    }

    /// <summary>The criteria that pick the rows having any of the keys: any value, or the span of the periods.</summary>
    private static List<string> Presence(KeyExpression key, IReadOnlyList<string> keys)
    {
        var range = ColumnRange(key.Column);
        if (key.Period is { } period)
        {
            var starts = keys.Select(k => KeyExpression.PeriodStart(k, period)).ToList();
            return [$"{range},\">=\"&{Date(starts.Min())}", $"{range},\"<\"&{Date(TimeSeries.Next(starts.Max(), period))}"];
        }

        return [$"{range},\"<>\""];
    }

    /// <summary>A criterion matching the key exactly as the Data sheet holds it: a number, a date serial, or "=text" with wildcards escaped.</summary>
    private static string Literal(KeyExpression key, string value) => key.Column.Format.Kind switch
    {
        ColumnKind.Integer or ColumnKind.Number when key.Column.Format.TryNumber(value, out var number) => Number(number),
        ColumnKind.Date or ColumnKind.DateTime when key.Column.Format.TryDate(value, out var date) => Number(date.ToOADate()),
        ColumnKind.Boolean when ColumnFormat.TryBoolean(value, out var flag) => flag ? "1" : "0",
        _ => "\"=" + value.Replace("~", "~~", StringComparison.Ordinal).Replace("*", "~*", StringComparison.Ordinal)
            .Replace("?", "~?", StringComparison.Ordinal).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
    };

    /// <summary>The key as its cell shows it: a number or date where the data column holds them, else the text.</summary>
    private static StreamingCell KeyCell(KeyExpression key, string value) => key.Period is null ? DataCell(key.Column.Format, value) : StreamingCell.Of(value);

    private static StreamingColumn KeyColumn(string header, KeyExpression key) => new(header, key.Period is null && key.Column.Format.IsTemporal ? "date" : null, Width(header, 16));

    private static double Width(string header, double least) => Math.Clamp(header.Length + 2, least, 40);

    /// <summary>Whole numbers with thousands separators, others with two decimals; text columns as they are.</summary>
    private static string? NumberFormatOf(ResultTable table, int column)
    {
        var numbers = table.Rows.Select(r => r[column]).OfType<double>().Where(double.IsFinite).ToList();
        return numbers.Count == 0 ? null : numbers.All(n => n == Math.Floor(n) && Math.Abs(n) < 1e15) ? "integer" : "decimal";
    }

    private static string ColumnRange(ColumnInfo column)
    {
        var letters = StreamingWorkbookWriter.ColumnName(column.Index + 1);
        return $"{DataSheet}!${letters}:${letters}";
    }

    private static string Date(DateTime date) => string.Create(CultureInfo.InvariantCulture, $"DATE({date.Year},{date.Month},{date.Day})");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>"sum_revenue" → sum, "count" → count; null for a column that is not a formulable aggregate.</summary>
    private static string? AggregateOf(string header, string? value)
    {
        var name = header == "count" ? "count" : value is not null && header.EndsWith("_" + value, StringComparison.Ordinal) ? header[..^(value.Length + 1)] : null;
        return name is not null && Formulable.Contains(name) ? name : null;
    }

    /// <summary>A percentage of the analysis (0–100) as the fraction a percent-formatted cell holds, or "" when there is none.</summary>
    private static object Fraction(object? percent) => ResultTable.Number(percent) is var p && !double.IsNaN(p) ? p / 100 : "";

    private static StreamingCell Formula(string formula, object value) => value is double d && double.IsNaN(d) ? StreamingCell.Blank : StreamingCell.FormulaOf(formula, value);

    private static StreamingCell Value(object? cell) => cell switch
    {
        null => StreamingCell.Blank,
        double d when double.IsNaN(d) || double.IsInfinity(d) => StreamingCell.Blank,
        double d => StreamingCell.Of(d),
        long l => StreamingCell.Of(l),
        int i => StreamingCell.Of(i),
        "" => StreamingCell.Blank,
        string s => StreamingCell.Of(s),
        _ => StreamingCell.Of(ResultTable.Format(cell)),
    };

    /// <summary>"revenue by region x month", "mean unit_price by product": what a pivot shows, short enough for a tab.</summary>
    private static string ShortTitle(PivotDefinition pivot)
    {
        static string Key(string key) => key.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? key[..open] : key;
        var what = pivot.Value is null ? "rows" : pivot.Aggregate is "sum" or "count" ? pivot.Value : $"{pivot.Aggregate} {pivot.Value}";
        var count = pivot.Value is not null && pivot.Aggregate == "count" ? "count of " : "";
        return $"{count}{what} by {Key(pivot.RowKey)}" + (pivot.ColumnKey is null ? "" : $" x {Key(pivot.ColumnKey)}") + (pivot.Percent is null ? "" : " %");
    }

    /// <summary>A valid, unused sheet name from a title: without [ ] : * ? / \, at most 31 characters.</summary>
    private static string SheetName(string title, HashSet<string> used)
    {
        var clean = new string([.. title.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? ' ' : c)]).Trim().Trim('\'');
        var name = clean.Length == 0 ? "Result" : clean.Length > 31 ? clean[..31].TrimEnd() : clean;
        for (var n = 2; !used.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)].TrimEnd() : clean) + suffix;
        }

        return name;
    }
}
