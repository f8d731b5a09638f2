using System.Globalization;

namespace Cowork.Data;

/// <summary>Group-by aggregates and cross-tabulations (pivots), in one streaming pass over the rows.</summary>
internal static class GroupBy
{
    public const int MaxGroups = 10_000;
    public const int MaxColumnKeys = 100;

    /// <summary>One row per group (of one or more keys), one column per aggregate, sorted by the first aggregate, largest first.</summary>
    public static AnalysisResult Aggregate(Dataset data, IReadOnlyList<string> by, string? valueColumn, IReadOnlyList<string> aggregates, CancellationToken cancellationToken = default)
    {
        if (by.Count == 0)
        {
            throw new ToolException("Say which column(s) to group by.");
        }

        var keys = by.Select(b => KeyExpression.Parse(data, b)).ToArray();
        var value = valueColumn is null or "" ? null : Numeric(data, valueColumn);
        var names = (aggregates.Count == 0 ? [value is null ? "count" : "sum"] : aggregates).Select(Data.Aggregate.Check).Distinct().ToArray();
        if (value is null && names.Any(n => n != "count"))
        {
            throw new ToolException($"{string.Join(", ", names.Where(n => n != "count"))} need a value column; give value_column.");
        }

        var warnings = new LoadWarnings();
        var groups = new Dictionary<string, Aggregate>(StringComparer.Ordinal);
        var median = names.Contains("median");
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            var key = Key(keys, row);
            if (key is null)
            {
                continue;
            }

            var aggregate = Group(groups, key, MaxGroups, string.Join(", ", by));
            aggregate.AddRow();
            if (value is not null && value.Format.TryValue(row.Fields[value.Index], out var x))
            {
                aggregate.Add(x, median);
            }
        }

        var ordered = groups.OrderByDescending(g => g.Value.Value(names[0], value is not null)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var columns = keys.Select(k => k.Text).Concat(names.Select(n => value is null ? n : $"{n}_{value.Name}")).Append("share_of_total_%").ToList();
        var total = groups.Values.Sum(g => g.Value(names[0] == "count" || value is null ? "count" : "sum", value is not null));
        var shareOf = names[0] is "count" or "sum";
        var rows = ordered.Select(g => g.Key.Split('\u001f').Cast<object?>()
            .Concat(names.Select(n => (object?)g.Value.Value(n, value is not null)))
            .Append(shareOf && total != 0 ? 100 * g.Value.Value(names[0], value is not null) / total : null).ToArray()).ToList();
        var what = value is null ? "rows" : $"{names[0]} of {value.Name}";
        var findings = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{groups.Count:N0} groups by {string.Join(", ", keys.Select(k => k.Text))}; by {what}, largest: ")
                + string.Join(", ", ordered.Take(5).Select(g => $"{g.Key.Replace('\u001f', '/')} ({ResultTable.Format(g.Value.Value(names[0], value is not null))})"))
                + (ordered.Count > 1 ? $"; smallest: {ordered[^1].Key.Replace('\u001f', '/')} ({ResultTable.Format(ordered[^1].Value.Value(names[0], value is not null))})." : "."),
        };
        return new AnalysisResult($"{Capitalize(what)} by {string.Join(", ", keys.Select(k => k.Text))}", new ResultTable(columns, rows), findings, warnings.Lines())
        {
            Pivot = keys.Length == 1 ? new PivotDefinition(keys[0].Text, null, value?.Name, names[0], [.. ordered.Select(g => g.Key)], []) : null,
            Approximate = groups.Values.Any(g => g.Approximate),
        };
    }

    /// <summary>
    /// A cross-tab: rows by one key, columns by another, cells the count of rows or an aggregate of a value column,
    /// optionally as percentages of the row, the column or the whole; with totals.
    /// </summary>
    public static AnalysisResult CrossTab(Dataset data, string rowsBy, string columnsBy, string? valueColumn, string aggregate, string? percent, CancellationToken cancellationToken = default)
    {
        var rowKey = KeyExpression.Parse(data, rowsBy);
        var columnKey = KeyExpression.Parse(data, columnsBy);
        var value = valueColumn is null or "" ? null : Numeric(data, valueColumn);
        var name = Data.Aggregate.Check(aggregate is null or "" ? (value is null ? "count" : "sum") : aggregate);
        if (value is null && name != "count")
        {
            throw new ToolException($"{name} needs a value column; give value_column.");
        }

        percent = percent?.Trim().ToLowerInvariant() switch
        {
            null or "" or "none" => null,
            "row" or "rows" or "index" => "row",
            "column" or "columns" => "column",
            "total" or "all" => "total",
            var other => throw new ToolException($"Unknown percent '{other}': use row, column or total."),
        };
        if (percent is not null && name is not ("count" or "sum"))
        {
            throw new ToolException("Percentages are of counts or sums.");
        }

        var warnings = new LoadWarnings();
        var cells = new Dictionary<(string, string), Aggregate>();
        var rowTotals = new Dictionary<string, Aggregate>(StringComparer.Ordinal);
        var columnTotals = new Dictionary<string, Aggregate>(StringComparer.Ordinal);
        var grand = new Aggregate();
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            var r = rowKey.KeyOf(row);
            var c = columnKey.KeyOf(row);
            if (r is null || c is null)
            {
                continue;
            }

            var x = 0.0;
            var hasValue = value is not null && value.Format.TryValue(row.Fields[value.Index], out x);
            foreach (var aggregateOf in (Aggregate[])[
                Group(rowTotals, r, MaxGroups, rowKey.Text), Group(columnTotals, c, MaxColumnKeys, columnKey.Text), grand, Cell(cells, r, c)])
            {
                aggregateOf.AddRow();
                if (hasValue)
                {
                    aggregateOf.Add(x, keepSample: false);
                }
            }
        }

        var ofValues = value is not null;
        var rowKeys = Order(rowTotals, rowKey);
        var columnKeys = Order(columnTotals, columnKey);
        var header = new List<string> { $"{rowKey.Text} \\ {columnKey.Text}" };
        header.AddRange(columnKeys);
        header.Add("total");
        var grandValue = grand.Value(name, ofValues);
        var rows = new List<object?[]>();
        foreach (var r in rowKeys)
        {
            var line = new object?[columnKeys.Count + 2];
            line[0] = r;
            var rowTotal = rowTotals[r].Value(name, ofValues);
            for (var i = 0; i < columnKeys.Count; i++)
            {
                var cell = cells.TryGetValue((r, columnKeys[i]), out var a) ? a.Value(name, ofValues) : (name is "count" or "sum" ? 0 : double.NaN);
                line[i + 1] = Percent(cell, percent, rowTotal, columnTotals[columnKeys[i]].Value(name, ofValues), grandValue);
            }

            line[^1] = Percent(rowTotal, percent, rowTotal, grandValue, grandValue);
            rows.Add(line);
        }

        var totals = new object?[columnKeys.Count + 2];
        totals[0] = "total";
        for (var i = 0; i < columnKeys.Count; i++)
        {
            var columnTotal = columnTotals[columnKeys[i]].Value(name, ofValues);
            totals[i + 1] = Percent(columnTotal, percent, grandValue, columnTotal, grandValue);
        }

        totals[^1] = Percent(grandValue, percent, grandValue, grandValue, grandValue);
        rows.Add(totals);

        var what = value is null ? "Rows" : $"{Capitalize(name)} of {value.Name}";
        var best = cells.MaxBy(p => p.Value.Value(name, ofValues));
        var findings = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{what} by {rowKey.Text} and {columnKey.Text}: {rowKeys.Count} × {columnKeys.Count} cells, total {ResultTable.Format(grandValue)}."),
            $"Largest {rowKey.Text}: {rowKeys.MaxBy(k => rowTotals[k].Value(name, ofValues))} ({ResultTable.Format(rowTotals.Values.Max(a => a.Value(name, ofValues)))}); "
                + $"largest cell: {best.Key.Item1} / {best.Key.Item2} ({ResultTable.Format(best.Value.Value(name, ofValues))}).",
        };
        return new AnalysisResult($"{what} by {rowKey.Text} and {columnKey.Text}" + (percent is null ? "" : $" (% of {percent})"), new ResultTable(header, rows), findings, warnings.Lines())
        {
            Pivot = new PivotDefinition(rowKey.Text, columnKey.Text, value?.Name, name, rowKeys, columnKeys, percent),
        };
    }

    internal static ColumnInfo Numeric(Dataset data, string name)
    {
        var column = data.Column(name);
        return column.Format.IsNumeric || column.Format.Kind == ColumnKind.Boolean
            ? column
            : throw new ToolException($"'{column.Name}' is not numeric (it reads as {column.Format.Kind}); it can be counted, not summed.");
    }

    private static string? Key(KeyExpression[] keys, DataRow row)
    {
        if (keys.Length == 1)
        {
            return keys[0].KeyOf(row);
        }

        var parts = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i].KeyOf(row) is not { } part)
            {
                return null;
            }

            parts[i] = part;
        }

        return string.Join('\u001f', parts);
    }

    private static Aggregate Group(Dictionary<string, Aggregate> groups, string key, int max, string what)
    {
        if (!groups.TryGetValue(key, out var aggregate))
        {
            if (groups.Count >= max)
            {
                throw new ToolException($"'{what}' has more than {max:N0} distinct values; group by a coarser key (a period such as month(date), or another column).");
            }

            aggregate = new Aggregate();
            groups[key] = aggregate;
        }

        return aggregate;
    }

    private static Aggregate Cell(Dictionary<(string, string), Aggregate> cells, string r, string c)
    {
        if (!cells.TryGetValue((r, c), out var aggregate))
        {
            aggregate = new Aggregate();
            cells[(r, c)] = aggregate;
        }

        return aggregate;
    }

    /// <summary>Periods and numbers in their natural order, other keys by name.</summary>
    private static List<string> Order(Dictionary<string, Aggregate> groups, KeyExpression key) =>
        key.Period is not null || !key.Column.Format.IsNumeric
            ? [.. groups.Keys.Order(StringComparer.Ordinal)]
            : [.. groups.Keys.OrderBy(k => key.Column.Format.TryNumber(k, out var n) ? n : double.MaxValue)];

    private static double Percent(double value, string? percent, double rowTotal, double columnTotal, double grand) => percent switch
    {
        "row" => rowTotal == 0 ? double.NaN : 100 * value / rowTotal,
        "column" => columnTotal == 0 ? double.NaN : 100 * value / columnTotal,
        "total" => grand == 0 ? double.NaN : 100 * value / grand,
        _ => value,
    };

    internal static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
