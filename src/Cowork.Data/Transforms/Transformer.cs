using System.Globalization;

namespace Cowork.Data;

/// <summary>
/// Applies transformation steps to a dataset's rows as a stream: each step maps the header once and then each row,
/// so a file of any size is transformed in bounded memory (except deduplicate's key set and join's other file).
/// </summary>
internal sealed class Transformer
{
    private const int MaxJoinRows = 1_000_000;
    private const int MaxDistinctKeys = 5_000_000;

    private readonly List<Func<IEnumerable<string?[]>, IEnumerable<string?[]>>> _stages = [];

    private const int MaxPivotColumns = 1000;

    private bool _pivoted;

    private Transformer(List<string> header) => Header = header;

    /// <summary>The output's column names; after a pivot, final only once the first output row has been read (its columns come from the data).</summary>
    public List<string> Header { get; private set; }

    public List<string> Describe { get; } = [];

    /// <param name="openOther">Opens another file of the workspace, for join.</param>
    public static Transformer Build(Dataset data, IReadOnlyList<TransformStep> steps, Func<string, Dataset> openOther)
    {
        if (steps.Count == 0)
        {
            throw new ToolException("Give at least one step.");
        }

        var transformer = new Transformer([.. data.Columns.Select(c => c.Name)]);
        var formats = data.Columns.ToDictionary(c => c.Name, c => c.Format, StringComparer.OrdinalIgnoreCase);
        foreach (var step in steps)
        {
            transformer.Add(step, formats, openOther);
        }

        return transformer;
    }

    public IEnumerable<string?[]> Apply(IEnumerable<string?[]> rows)
    {
        foreach (var stage in _stages)
        {
            rows = stage(rows);
        }

        return rows;
    }

    private int Index(string? name, string op)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ToolException($"{op} needs a column.");
        }

        var index = Header.FindIndex(h => h == name);
        index = index >= 0 ? index : Header.FindIndex(h => string.Equals(h, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new ToolException($"{op}: no column '{name}' at this step. Columns: {string.Join(", ", Header)}.");
    }

    private int[] Indexes(TransformStep step, bool allWhenNone)
    {
        var names = step.Columns ?? (step.Column is null ? null : [step.Column]);
        if (names is null || names.Length == 0)
        {
            return allWhenNone ? [.. Enumerable.Range(0, Header.Count)] : throw new ToolException($"{step.Op} needs columns.");
        }

        return [.. names.Select(n => Index(n, step.Op))];
    }

    private void Map(Func<string?[], string?[]?> map) => _stages.Add(rows => MapRows(rows, map));

    private static IEnumerable<string?[]> MapRows(IEnumerable<string?[]> rows, Func<string?[], string?[]?> map)
    {
        foreach (var row in rows)
        {
            if (map(row) is { } mapped)
            {
                yield return mapped;
            }
        }
    }

    private void Add(TransformStep step, Dictionary<string, ColumnFormat> formats, Func<string, Dataset> openOther)
    {
        var op = (step.Op ?? "").Trim().ToLowerInvariant();
        if (_pivoted)
        {
            throw new ToolException("pivot must be the last step: its columns come from the data. Transform again from its output for more.");
        }

        switch (op)
        {
            case "filter":
            {
                var i = Index(step.Column, op);
                var format = formats.GetValueOrDefault(Header[i]) ?? ColumnFormat.Text;
                var test = Filter(step.Operator ?? "==", step.Value, format);
                Map(r => test(r[i]) ? r : null);
                Describe.Add($"keep rows where {Header[i]} {step.Operator ?? "=="} {step.Value}");
                break;
            }

            case "select" or "drop":
            {
                var chosen = Indexes(step, allWhenNone: false);
                var keep = op == "select" ? chosen : [.. Enumerable.Range(0, Header.Count).Except(chosen)];
                Header = [.. keep.Select(k => Header[k])];
                Map(r => [.. keep.Select(k => r[k])]);
                Describe.Add($"keep columns {string.Join(", ", Header)}");
                break;
            }

            case "rename":
            {
                var i = Index(step.Column, op);
                var to = string.IsNullOrWhiteSpace(step.To) ? throw new ToolException("rename needs 'to'.") : step.To.Trim();
                Describe.Add($"rename {Header[i]} to {to}");
                formats[to] = formats.GetValueOrDefault(Header[i]) ?? ColumnFormat.Text;
                Header[i] = to;
                break;
            }

            case "trim":
            {
                var columns = Indexes(step, allWhenNone: true);
                Map(r =>
                {
                    foreach (var c in columns)
                    {
                        r[c] = r[c] is { } v ? string.Join(' ', v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : null;
                    }

                    return r;
                });
                Describe.Add("trim spaces");
                break;
            }

            case "case":
            {
                var columns = Indexes(step, allWhenNone: false);
                var mode = (step.Value ?? "lower").ToLowerInvariant();
                Func<string, string> change = mode switch
                {
                    "upper" => v => v.ToUpperInvariant(),
                    "lower" => v => v.ToLowerInvariant(),
                    "title" => v => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(v.ToLowerInvariant()),
                    _ => throw new ToolException("case: value must be upper, lower or title."),
                };
                Map(r =>
                {
                    foreach (var c in columns)
                    {
                        r[c] = r[c] is { } v ? change(v) : null;
                    }

                    return r;
                });
                Describe.Add($"{mode} case");
                break;
            }

            case "normalize_dates" or "normalize_numbers":
            {
                var columns = Indexes(step, allWhenNone: false);
                var chosen = columns.Select(c => (c, formats.GetValueOrDefault(Header[c]) ?? ColumnFormat.Text)).ToArray();
                var dates = op == "normalize_dates";
                foreach (var (c, format) in chosen)
                {
                    if (dates ? !format.IsTemporal : !format.IsNumeric)
                    {
                        throw new ToolException($"{op}: '{Header[c]}' does not read as {(dates ? "dates" : "numbers")} (it reads as {format.Kind}).");
                    }
                }

                Map(r =>
                {
                    foreach (var (c, format) in chosen)
                    {
                        if (ColumnFormat.IsNull(r[c]))
                        {
                            r[c] = null;
                        }
                        else if (dates && format.TryDate(r[c]!, out var d))
                        {
                            r[c] = d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                        }
                        else if (!dates && format.TryNumber(r[c]!, out var n))
                        {
                            r[c] = n.ToString("R", CultureInfo.InvariantCulture);
                        }
                    }

                    return r;
                });
                Describe.Add(dates ? "dates as yyyy-MM-dd" : "plain numbers (no currency, no thousands separators)");
                break;
            }

            case "deduplicate" or "dedupe":
            {
                var columns = step.Columns is null && step.Column is null ? null : Indexes(step, allWhenNone: false);
                _stages.Add(rows => Distinct(rows, columns));
                Describe.Add(columns is null ? "drop repeated rows" : $"drop rows repeating {string.Join(", ", columns.Select(c => Header[c]))}");
                break;
            }

            case "split":
            {
                var i = Index(step.Column, op);
                var separator = string.IsNullOrEmpty(step.Separator) ? " " : step.Separator;
                var names = (step.To ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (names.Length < 2)
                {
                    throw new ToolException("split needs 'to': two or more new column names, comma-separated.");
                }

                var at = i;
                Header.RemoveAt(at);
                Header.InsertRange(at, names);
                Map(r =>
                {
                    var parts = (r[at] ?? "").Split(separator, names.Length);
                    var row = new string?[r.Length - 1 + names.Length];
                    Array.Copy(r, 0, row, 0, at);
                    for (var p = 0; p < names.Length; p++)
                    {
                        row[at + p] = p < parts.Length ? parts[p].Trim() : null;
                    }

                    Array.Copy(r, at + 1, row, at + names.Length, r.Length - at - 1);
                    return row;
                });
                Describe.Add($"split into {string.Join(", ", names)}");
                break;
            }

            case "merge":
            {
                var columns = Indexes(step, allWhenNone: false);
                var to = string.IsNullOrWhiteSpace(step.To) ? throw new ToolException("merge needs 'to'.") : step.To.Trim();
                var separator = step.Separator ?? " ";
                Header.Add(to);
                Map(r => [.. r, string.Join(separator, columns.Select(c => r[c]).Where(v => !string.IsNullOrEmpty(v)))]);
                Describe.Add($"merge into {to}");
                break;
            }

            case "unpivot" or "melt":
            {
                var ids = Indexes(step, allWhenNone: false);
                var names = (step.To ?? "variable,value").Split(',', StringSplitOptions.TrimEntries);
                if (names.Length != 2)
                {
                    throw new ToolException("unpivot: 'to' is two names, e.g. month,revenue.");
                }

                var others = Enumerable.Range(0, Header.Count).Except(ids).ToArray();
                var otherNames = others.Select(o => Header[o]).ToArray();
                Header = [.. ids.Select(i => Header[i]), .. names];
                _stages.Add(rows => rows.SelectMany(r => others.Select((o, n) => (string?[])[.. ids.Select(i => r[i]), otherNames[n], r[o]])));
                Describe.Add($"unpivot into {names[0]}, {names[1]}");
                break;
            }

            case "pivot":
            {
                var ids = Indexes(step, allWhenNone: false);
                var key = Index(step.Column, op);
                var value = Index(step.Value, op);
                var how = step.How is null or "" ? "first" : step.How.Trim().ToLowerInvariant();
                if (how != "first")
                {
                    how = Aggregate.Check(how);
                }

                var valueFormat = formats.GetValueOrDefault(Header[value]) ?? ColumnFormat.Text;
                var idNames = ids.Select(i => Header[i]).ToList();
                Describe.Add($"pivot {Header[key]} into columns of {Header[value]} ({how}) by {string.Join(", ", idNames)}");
                _stages.Add(rows => Pivot(rows, ids, key, value, how, valueFormat, idNames, $"{Header[key]}"));
                _pivoted = true;
                break;
            }

            case "join":
            {
                if (string.IsNullOrWhiteSpace(step.File) || string.IsNullOrWhiteSpace(step.On))
                {
                    throw new ToolException("join needs 'file' and 'on' (the key column both files share).");
                }

                var inner = (step.How ?? "left").Equals("inner", StringComparison.OrdinalIgnoreCase);
                var key = Index(step.On, op);
                var other = openOther(step.File);
                var otherKey = other.Column(step.On);
                var added = other.Columns.Where(c => c.Index != otherKey.Index).ToArray();
                var lookup = new Dictionary<string, string?[]>(StringComparer.Ordinal);
                foreach (var row in other.Rows(new LoadWarnings()))
                {
                    if (lookup.Count >= MaxJoinRows)
                    {
                        throw new ToolException($"{step.File} has more than {MaxJoinRows:N0} rows; join the larger file to the smaller one.");
                    }

                    if (row.Fields[otherKey.Index] is { } k)
                    {
                        lookup.TryAdd(k, [.. added.Select(a => row.Fields[a.Index])]);
                    }
                }

                Header.AddRange(added.Select(a => Header.Contains(a.Name, StringComparer.OrdinalIgnoreCase) ? a.Name + "_2" : a.Name));
                var blank = new string?[added.Length];
                Map(r => r[key] is { } k && lookup.TryGetValue(k, out var extra) ? [.. r, .. extra] : inner ? null : [.. r, .. blank]);
                Describe.Add($"{(inner ? "inner" : "left")} join {step.File} on {step.On}");
                break;
            }

            default:
                throw new ToolException($"Unknown step '{step.Op}': use filter, select, drop, rename, trim, case, normalize_dates, normalize_numbers, deduplicate, split, merge, unpivot or join.");
        }
    }

    /// <summary>
    /// One row per distinct id, one column per distinct key (sorted), each cell the value's aggregate over the rows of
    /// that id and key, or with "first" the one value (a second one is an error, as pandas' pivot). Holds one entry
    /// per id and key, so it is bounded by the groups, not by the rows.
    /// </summary>
    private IEnumerable<string?[]> Pivot(IEnumerable<string?[]> rows, int[] ids, int key, int value, string how, ColumnFormat format, List<string> idNames, string keyName)
    {
        var groups = new Dictionary<string, (string?[] Ids, Dictionary<string, object> Cells)>(StringComparer.Ordinal);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var columnKey = row[key];
            if (ColumnFormat.IsNull(columnKey))
            {
                continue;
            }

            var id = string.Join('\u001f', ids.Select(i => row[i]));
            if (!groups.TryGetValue(id, out var group))
            {
                if (groups.Count >= MaxDistinctKeys)
                {
                    throw new ToolException($"pivot: more than {MaxDistinctKeys:N0} distinct {string.Join(", ", idNames)}; pivot by fewer or coarser columns.");
                }

                group = ([.. ids.Select(i => row[i])], new Dictionary<string, object>(StringComparer.Ordinal));
                groups[id] = group;
            }

            if (keys.Add(columnKey!) && keys.Count > MaxPivotColumns)
            {
                throw new ToolException($"pivot: {keyName} has more than {MaxPivotColumns:N0} distinct values, too many columns; pivot a coarser column.");
            }

            if (how == "first")
            {
                if (!group.Cells.TryAdd(columnKey!, row[value] ?? ""))
                {
                    throw new ToolException($"pivot: {string.Join(", ", idNames)} = {id.Replace('\u001f', '/')} has more than one {keyName} = {columnKey}; give how = sum, mean, count, min or max.");
                }

                continue;
            }

            if (!group.Cells.TryGetValue(columnKey!, out var cell))
            {
                cell = new Aggregate();
                group.Cells[columnKey!] = cell;
            }

            var aggregate = (Aggregate)cell;
            aggregate.AddRow();
            if (format.TryValue(row[value], out var x))
            {
                aggregate.Add(x, keepSample: how == "median");
            }
        }

        var columns = keys.ToList();
        Header = [.. idNames, .. columns];
        foreach (var (ids2, cells) in groups.Values)
        {
            yield return [.. ids2, .. columns.Select(c => cells.TryGetValue(c, out var cell) ? Cell(cell) : null)];
        }

        string? Cell(object cell) => cell switch
        {
            Aggregate a when a.Value(how, ofValues: true) is var v && !double.IsNaN(v) => v.ToString("R", CultureInfo.InvariantCulture),
            Aggregate => null,
            _ => (string)cell,
        };
    }

    private static IEnumerable<string?[]> Distinct(IEnumerable<string?[]> rows, int[]? columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = string.Join('\u001f', columns is null ? row : columns.Select(c => row[c]));
            if (seen.Count >= MaxDistinctKeys)
            {
                throw new ToolException($"More than {MaxDistinctKeys:N0} distinct rows: deduplicate by fewer columns.");
            }

            if (seen.Add(key))
            {
                yield return row;
            }
        }
    }

    private static Func<string?, bool> Filter(string op, string? value, ColumnFormat format)
    {
        op = op.Trim().ToLowerInvariant();
        if (op is "is_empty" or "not_empty")
        {
            return op == "is_empty" ? ColumnFormat.IsNull : v => !ColumnFormat.IsNull(v);
        }

        var target = value ?? "";
        if (op is "contains" or "starts_with")
        {
            return op == "contains"
                ? v => v?.Contains(target, StringComparison.OrdinalIgnoreCase) == true
                : v => v?.StartsWith(target, StringComparison.OrdinalIgnoreCase) == true;
        }

        // Numbers and dates compare as such; text compares ignoring case.
        Func<string?, double?> number = format.IsNumeric || format.IsTemporal
            ? v => format.TryValue(v, out var n) ? n : null
            : v => null;
        var wanted = format.TryValue(target, out var t) ? t : (double?)null;
        if ((format.IsNumeric || format.IsTemporal) && wanted is null && op is not ("==" or "=" or "!="))
        {
            throw new ToolException($"filter: '{target}' is not a {(format.IsTemporal ? "date" : "number")} in the column's format.");
        }

        Func<string?, int?> compare = wanted is { } w
            ? v => number(v) is { } n ? n.CompareTo(w) : null
            : v => v is null ? null : string.Compare(v.Trim(), target.Trim(), StringComparison.OrdinalIgnoreCase);
        return op switch
        {
            "==" or "=" or "eq" => v => compare(v) == 0,
            "!=" or "<>" or "ne" => v => compare(v) != 0,
            ">" or "gt" => v => compare(v) > 0,
            ">=" or "ge" => v => compare(v) >= 0,
            "<" or "lt" => v => compare(v) < 0,
            "<=" or "le" => v => compare(v) <= 0,
            _ => throw new ToolException($"filter: unknown operator '{op}': use == != > >= < <= contains starts_with is_empty not_empty."),
        };
    }
}
