using System.ComponentModel;
using System.Globalization;
using System.Text;
using Cowork.Files;
using CsvHelper;

namespace Cowork.Data;

/// <summary>
/// The data tools the model calls: profile, analyze, transform (with a preview) and chart. Files are read through the
/// task's <see cref="Workspace"/> and streamed; everything written goes through its journal, never over the input
/// unless asked (and then undoably).
/// </summary>
internal sealed class DataTools(Workspace workspace, EventPublisher? events)
{
    private const int PreviewRows = 10;
    private const int ShownRows = 50;

    public string ProfileData(
        [Description("The data file (.csv, .tsv, .xlsx, .json): absolute, or relative to a granted folder.")] string path,
        [Description("For a workbook: the sheet (default the first).")] string? sheet = null,
        [Description("The delimiter of delimited text when sniffing gets it wrong (',', ';', 'tab', '|').")] string? delimiter = null,
        [Description("Whether the first row holds the names (default: detected).")] bool? has_header = null,
        CancellationToken cancellationToken = default)
    {
        var data = Open(path, sheet, delimiter, has_header, cancellationToken);
        var profile = Profiler.Profile(data, cancellationToken);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{data.DisplayName}: {data.Format}, {profile.Rows:N0} rows × {profile.Columns.Count} columns{(data.HasHeader ? "" : " (no header row: columns named column_1 …)")}.");
        text.AppendLine(data.IdColumn is { } id ? $"Rows are named by {id.Name} in results." : "Rows are named by number (1 = the first row after the header).");
        var table = new ResultTable(
            ["column", "type", "present", "missing", "invalid", "distinct", "min", "max", "mean", "median", "top values"],
            [.. profile.Columns.Select(c => new object?[]
            {
                c.Name, Describe.Kind(c.Format), c.Count, c.Nulls, c.Invalid, c.DistinctExact ? c.Distinct : $"≈{c.Distinct:N0}",
                c.Min, c.Max, c.Mean, c.Median,
                string.Join(", ", c.Top.Take(3).Select(t => $"{Shorten(t.Key)} ({t.Value:N0})")),
            })]);
        text.AppendLine().Append(table.ToMarkdown(200));
        var approximate = profile.Columns.Where(c => c.Format.IsNumeric && !c.QuantilesExact).Select(c => c.Name).ToList();
        if (approximate.Count > 0 || profile.Columns.Any(c => !c.DistinctExact))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Approximate: medians of columns over {NumberSample.DefaultCapacity:N0} values come from a uniform sample of that size ({string.Join(", ", approximate)}); distinct counts marked ≈ are HyperLogLog estimates (±1 %). Everything else is exact.");
        }

        AppendWarnings(text, profile.Warnings);
        return text.ToString();
    }

    public string AnalyzeData(
        [Description("The data file (.csv, .tsv, .xlsx, .json).")] string path,
        [Description("describe, outliers, group_by, crosstab, correlation, time_series or top_n.")] string operation,
        [Description("outliers, top_n: the numeric column. describe: optional single column.")] string? column = null,
        [Description("describe, correlation: the columns (default all). group_by: the key columns.")] string[]? columns = null,
        [Description("outliers: per group of this column. group_by: the key (a column, or a period of a date: month(order_date)).")] string? group_by = null,
        [Description("crosstab: the rows' key (a column or month(date)).")] string? rows_by = null,
        [Description("crosstab: the columns' key (a column or month(date)).")] string? columns_by = null,
        [Description("group_by, crosstab, time_series: the numeric column to aggregate (none: count rows).")] string? value_column = null,
        [Description("count, sum, mean, min, max, std or median (group_by: one or more, comma-separated).")] string? aggregate = null,
        [Description("crosstab: percentages of row, column or total.")] string? percent = null,
        [Description("outliers: iqr (default), zscore or mad. correlation: pearson (default) or spearman.")] string? method = null,
        [Description("outliers: the fence (iqr 1.5, zscore 3, mad 3.5 by default).")] double? threshold = null,
        [Description("time_series: the date column.")] string? date_column = null,
        [Description("time_series: day, week, month (default), quarter or year.")] string? period = null,
        [Description("time_series: the moving average's window in periods.")] int window = 3,
        [Description("top_n: how many rows.")] int n = 10,
        [Description("top_n: the smallest instead of the largest.")] bool smallest = false,
        [Description("Also write the whole result table as CSV to this path (new file).")] string? save_as = null,
        [Description("For a workbook: the sheet.")] string? sheet = null,
        CancellationToken cancellationToken = default)
    {
        var data = Open(path, sheet, null, null, cancellationToken);
        var result = Run(data, operation, column, columns, group_by, rows_by, columns_by, value_column, aggregate, percent, method, threshold, date_column, period, window, n, smallest, cancellationToken);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{result.Title} ({data.DisplayName}):");
        foreach (var finding in result.Findings)
        {
            text.AppendLine("- " + finding);
        }

        text.AppendLine().Append(result.Table.ToMarkdown(ShownRows));
        if (result.Approximate)
        {
            text.AppendLine().AppendLine("Some quantiles are approximate: they come from a uniform sample of a very large column.");
        }

        if (result.Pivot is { } pivot)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"As formulas: each cell is {pivot.Aggregate.ToUpperInvariant()}IFS of {pivot.Value ?? "rows"} where {pivot.RowKey} = the row's key{(pivot.ColumnKey is null ? "" : $" and {pivot.ColumnKey} = the column's key")}.");
        }

        if (save_as is not null)
        {
            var saved = WriteNew(save_as, Csv(result.Table), overwrite: false);
            text.AppendLine(CultureInfo.InvariantCulture, $"Saved the full table ({result.Table.Rows.Count:N0} rows) to {saved}.");
        }

        AppendWarnings(text, result.Warnings);
        return text.ToString();
    }

    internal static AnalysisResult Run(Dataset data, string operation, string? column, string[]? columns, string? groupBy, string? rowsBy, string? columnsBy,
        string? valueColumn, string? aggregate, string? percent, string? method, double? threshold, string? dateColumn, string? period, int window, int n, bool smallest,
        CancellationToken cancellationToken)
    {
        var names = columns ?? [];
        return (operation ?? "").Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_') switch
        {
            "describe" or "summary" or "statistics" => Describe.Of(Profiler.Profile(data, cancellationToken), column is null ? names : [column]),
            "outliers" or "outlier" or "anomalies" => Outliers.Find(data, column ?? valueColumn ?? throw new ToolException("outliers needs column."), method ?? "iqr", threshold, groupBy, cancellationToken),
            "group_by" or "groupby" or "aggregate" => GroupBy.Aggregate(data, groupBy is null ? names : [groupBy, .. names], valueColumn,
                (aggregate ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), cancellationToken),
            "crosstab" or "cross_tab" or "pivot" => GroupBy.CrossTab(data, rowsBy ?? groupBy ?? throw new ToolException("crosstab needs rows_by."),
                columnsBy ?? throw new ToolException("crosstab needs columns_by."), valueColumn, aggregate ?? "", percent, cancellationToken),
            "correlation" or "correlations" or "corr" => Correlation.Matrix(data, names, cancellationToken, method),
            "time_series" or "timeseries" or "trend" or "resample" => TimeSeries.Resample(data,
                dateColumn ?? column ?? data.Columns.FirstOrDefault(c => c.Format.IsTemporal)?.Name ?? throw new ToolException("time_series needs date_column: the file has no date column."),
                valueColumn, period ?? "month", aggregate ?? "", window, cancellationToken),
            "top_n" or "top" or "largest" or "nlargest" => TopRows.Find(data, column ?? valueColumn ?? throw new ToolException("top_n needs column."), n, smallest, cancellationToken),
            _ => throw new ToolException($"Unknown operation '{operation}': use describe, outliers, group_by, crosstab, correlation, time_series or top_n."),
        };
    }

    public string MakeAnalysisWorkbook(
        [Description("The data file (.csv, .tsv, .xlsx, .json).")] string path,
        [Description("The analyses, each with analyze_data's operation and options; one sheet each.")] AnalysisRequest[] analyses,
        [Description("The .xlsx to write (default: <name>-analysis.xlsx beside the data).")] string? output = null,
        [Description("Replace an existing file (kept for undo).")] bool overwrite = false,
        [Description("For a workbook: the sheet.")] string? sheet = null,
        CancellationToken cancellationToken = default)
    {
        if (analyses is not { Length: > 0 })
        {
            throw new ToolException("Give at least one analysis, e.g. {\"operation\": \"group_by\", \"group_by\": \"region\", \"value_column\": \"revenue\"}.");
        }

        var dataset = Open(path, sheet, null, null, cancellationToken);
        var target = output ?? Path.ChangeExtension(dataset.DisplayName, null) + "-analysis.xlsx";
        if (!target.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolException("output must end in .xlsx.");
        }

        var results = analyses.Select(a => Run(dataset, a.Operation, a.Column, a.Columns, a.GroupBy, a.RowsBy, a.ColumnsBy, a.ValueColumn, a.Aggregate, a.Percent,
            a.Method, a.Threshold, a.DateColumn, a.Period, a.Window, a.N, a.Smallest, cancellationToken)).ToList();
        AnalysisWorkbookSummary? summary = null;
        var saved = WriteNew(target, stream => summary = AnalysisWorkbook.Write(dataset, results, stream, cancellationToken), overwrite);
        var written = summary!;
        events?.Publish(new DeliverableAdded(saved, $"Analysis workbook: {results.Count} analyses, {written.Formulas:N0} formulas"));
        return string.Create(CultureInfo.InvariantCulture,
            $"Wrote {saved}: sheets {string.Join(", ", written.Sheets)}; {written.Formulas:N0} formulas over the {AnalysisWorkbook.DataSheet} sheet ({written.DataRows:N0} rows), each cached with the analysis' value. ")
            + "Run verify_document on it: recalculation shows the formulas agree with the analysis.";
    }

    public string TransformData(
        [Description("The data file to transform (.csv, .tsv, .xlsx, .json).")] string path,
        [Description("The steps, applied in order.")] TransformStep[] steps,
        [Description("The new CSV file (default: <name>.transformed.csv beside the input).")] string? output = null,
        [Description("true: only preview the first rows and the counts.")] bool dry_run = true,
        [Description("Replace an existing output, the input itself included.")] bool overwrite = false,
        [Description("For a workbook: the sheet.")] string? sheet = null,
        CancellationToken cancellationToken = default)
    {
        var data = Open(path, sheet, null, null, cancellationToken);
        var transformer = Transformer.Build(data, steps ?? [], other => Open(other, null, null, null, cancellationToken));
        var warnings = new LoadWarnings();
        var input = 0L;
        var rows = transformer.Apply(Counted(data.Rows(warnings, cancellationToken)));
        var target = output ?? Path.ChangeExtension(data.DisplayName, null) + ".transformed.csv";
        var text = new StringBuilder();
        if (dry_run)
        {
            var preview = new List<object?[]>();
            var produced = 0L;
            foreach (var row in rows)
            {
                produced++;
                if (preview.Count < PreviewRows)
                {
                    preview.Add([.. row]);
                }
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"Preview (nothing written): {string.Join("; ", transformer.Describe)}. {input:N0} rows in, {produced:N0} rows out, {transformer.Header.Count} columns.");
            text.AppendLine().Append(new ResultTable(transformer.Header, preview).ToMarkdown(PreviewRows));
            text.AppendLine().AppendLine($"Call again with dry_run=false to write {target}.");
        }
        else
        {
            var written = 0L;
            var saved = WriteNew(target, stream => Csv(stream, () => transformer.Header, rows, () => written++), overwrite);
            text.AppendLine(CultureInfo.InvariantCulture, $"Wrote {saved}: {written:N0} rows × {transformer.Header.Count} columns ({string.Join("; ", transformer.Describe)}); {input:N0} rows read. Undo removes it.");
            events?.Publish(new DeliverableAdded(saved, $"Transformed data: {written:N0} rows"));
        }

        AppendWarnings(text, warnings.Lines());
        return text.ToString();

        IEnumerable<string?[]> Counted(IEnumerable<DataRow> source)
        {
            foreach (var row in source)
            {
                input++;
                yield return row.Fields;
            }
        }
    }

    public string MakeChart(
        [Description("The data file.")] string path,
        [Description("bar, line, scatter, histogram, box or pie.")] string kind,
        [Description("bar, pie: the category column. line: the date column (or month(date)) or a numeric x. scatter: numeric x. box: the group column (optional).")] string? x = null,
        [Description("The numeric column: bar/line/pie values (aggregated), scatter y, histogram and box values. None for bar/pie/line: count rows.")] string? y = null,
        [Description("bar, line, pie: sum (default), mean, count, min, max.")] string? aggregate = null,
        [Description("line: day, week, month (default), quarter or year when x is a date column.")] string? period = null,
        [Description("The chart's title (default from the columns).")] string? title = null,
        [Description("The x axis label with its unit.")] string? x_label = null,
        [Description("The y axis label with its unit.")] string? y_label = null,
        [Description("The image file to write (.png or .svg; default beside the data).")] string? output = null,
        [Description("Replace an existing image.")] bool overwrite = false,
        [Description("For a workbook: the sheet.")] string? sheet = null,
        CancellationToken cancellationToken = default)
    {
        var data = Open(path, sheet, null, null, cancellationToken);
        var spec = ChartBuilder.Build(data, kind, x, y, aggregate, period, title, x_label, y_label, cancellationToken);
        var target = output ?? $"{Path.ChangeExtension(data.DisplayName, null)}-{spec.Kind.ToString().ToLowerInvariant()}-{Slug(y ?? x ?? "rows")}.png";
        var format = target.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? ChartFormat.Svg : ChartFormat.Png;
        if (format == ChartFormat.Png && !target.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolException("output must end in .png or .svg.");
        }

        var saved = WriteNew(target, ChartRenderer.Render(spec, format), overwrite);
        events?.Publish(new DeliverableAdded(saved, $"Chart: {spec.Title}"));
        return $"Wrote {saved}: {spec.Kind.ToString().ToLowerInvariant()} chart \"{spec.Title}\" ({spec.Series.Sum(s => s.Values.Count):N0} values; x: {spec.XLabel}, y: {spec.YLabel}).";
    }

    internal Dataset Open(string path, string? sheet, string? delimiter, bool? header, CancellationToken cancellationToken)
    {
        var file = workspace.Resolve(path);
        var root = workspace.Root(file);
        var status = root.Stat(file.Path) ?? throw new ToolException($"{file.FullPath} does not exist.");
        if (status.Kind != EntryKind.File)
        {
            throw new ToolException($"{file.FullPath} is not a regular file.");
        }

        char? separator = delimiter?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "tab" or "\\t" or "\t" => '\t',
            var d when d.Length == 1 => d[0],
            _ => throw new ToolException("delimiter is one character, or 'tab'."),
        };
        return Dataset.Open(() => root.OpenRead(file.Path), file.FullPath, new LoadOptions(separator, header, sheet), cancellationToken);
    }

    /// <summary>Writes a new file through the journal; returns its full path.</summary>
    internal string WriteNew(string path, byte[] bytes, bool overwrite)
    {
        var target = workspace.Resolve(path, forWriting: true);
        Changes.Write(target, bytes, overwrite);
        return target.FullPath;
    }

    /// <summary>Writes a new file produced as a stream (any size, bounded memory) through the journal; returns its full path.</summary>
    internal string WriteNew(string path, Action<Stream> produce, bool overwrite)
    {
        var target = workspace.Resolve(path, forWriting: true);
        Changes.Write(target, produce, overwrite);
        return target.FullPath;
    }

    private FileChanges Changes => workspace.Changes ?? throw new ToolException("This task cannot write files.");

    internal static byte[] Csv(ResultTable table)
    {
        using var buffer = new MemoryStream();
        Csv(buffer, () => table.Columns, table.Rows.Select(r => r.Select(c => c is double d ? (double.IsNaN(d) ? null : d.ToString("R", CultureInfo.InvariantCulture)) : ResultTable.Format(c)).ToArray()), () => { });
        return buffer.ToArray();
    }

    /// <summary>The header is asked for once the first row is read: a pivot learns its columns from the data.</summary>
    private static void Csv(Stream output, Func<IReadOnlyList<string>> header, IEnumerable<string?[]> rows, Action counted)
    {
        using var writer = CsvWriter.Create(output, null, leaveOpen: true);
        using var row = rows.GetEnumerator();
        var any = row.MoveNext();
        writer.WriteRecord([.. header()]);
        for (; any; any = row.MoveNext())
        {
            writer.WriteRecord(row.Current!);
            counted();
        }
    }

    private static void AppendWarnings(StringBuilder text, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Problems in the file (rows read as far as possible):");
        foreach (var warning in warnings.Take(20))
        {
            text.AppendLine("- " + warning);
        }
    }

    private static string Shorten(string text) => text.Length > 30 ? text[..29] + "…" : text;

    internal static string Slug(string text) => new([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}
