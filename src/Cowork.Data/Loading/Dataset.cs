using System.Buffers;
using System.Globalization;

namespace Cowork.Data;

/// <summary>
/// A tabular file (CSV/TSV, an XLSX sheet, a JSON array) opened for streaming: its columns with inferred formats, and
/// its rows read afresh on every pass, so files far larger than memory are analyzed in bounded memory.
/// </summary>
/// <remarks>
/// Types are inferred from the first <see cref="SampleRows"/> rows; later values that do not fit are counted as
/// warnings (per column and kind, with row numbers), never guessed. Ragged rows are padded or cut to the header's
/// width, with a warning. Row numbers count data rows from 1 (the header is row 0).
/// </remarks>
public sealed class Dataset
{
    internal const int SampleRows = 5000;
    private static readonly SearchValues<char> ControlChars = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\ufffd");

    private readonly RowSource _source;
    private readonly bool _header;

    private Dataset(RowSource source, string displayName, string format, bool header, IReadOnlyList<ColumnInfo> columns)
    {
        _source = source;
        _header = header;
        DisplayName = displayName;
        Format = format;
        Columns = columns;
        IdColumn = columns.FirstOrDefault(c => IsIdName(c.Name) && c.Format.Kind is ColumnKind.Integer or ColumnKind.Text);
    }

    public string DisplayName { get; }

    /// <summary>csv, tsv, xlsx or json; with the delimiter for delimited text.</summary>
    public string Format { get; }

    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>Whether the first row held the column names.</summary>
    public bool HasHeader => _header;

    /// <summary>The column that names rows in results (id, *_id, key, code …), or <see langword="null"/>: rows are then named by number.</summary>
    public ColumnInfo? IdColumn { get; }

    /// <summary>Opens a file by its name's extension, else by its first bytes.</summary>
    /// <param name="open">Opens the file afresh (each pass reads it again); the stream is disposed by the reader.</param>
    /// <exception cref="ToolException">Empty, binary, damaged or of an unknown format; the message says which.</exception>
    public static Dataset Open(Func<Stream> open, string displayName, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        options ??= LoadOptions.Sniff;
        var extension = Path.GetExtension(displayName).ToLowerInvariant();
        if (extension is ".xls" or ".ods" or ".numbers")
        {
            throw new ToolException($"{displayName} is a {extension} file; Cowork reads .xlsx, .csv, .tsv and .json. Save it as .xlsx or .csv first.");
        }

        RowSource source;
        string format;
        using (var head = open())
        {
            var first = new byte[2];
            var read = head.ReadAtLeast(first, 2, throwOnEndOfStream: false);
            if (extension is ".xlsx" or ".xlsm" || (read == 2 && first[0] == 'P' && first[1] == 'K' && extension is not (".csv" or ".tsv" or ".txt" or ".json")))
            {
                source = new XlsxSource(open, options.Sheet, displayName);
                format = "xlsx";
            }
            else if (extension == ".json" || (read > 0 && first[0] == '[' && extension is not (".csv" or ".tsv" or ".txt")))
            {
                source = new JsonSource(open, displayName);
                format = "json";
            }
            else
            {
                head.Position = 0;
                var dialect = CsvDialect.Sniff(head, displayName, options.Delimiter ?? (extension is ".tsv" or ".tab" ? '\t' : null));
                source = new CsvSource(open, dialect);
                format = dialect.Delimiter switch { '\t' => "tsv", ',' => "csv", var d => $"csv (delimiter '{d}')" };
            }
        }

        // The sample's problems are met again, and reported, by every full pass.
        var sample = source.RawRows(new LoadWarnings(), cancellationToken).Where(r => r.Any(f => !ColumnFormat.IsNull(f))).Take(SampleRows + 1).ToList();
        if (sample.Count == 0)
        {
            throw new ToolException($"{displayName} has no rows: it is empty or every row is blank.");
        }

        var header = options.Header ?? source.HasHeader ?? LooksLikeHeader(sample);

        // The header's width, or without one the widest row but for trailing empty fields; other rows are ragged.
        var width = header ? sample[0].Length : sample.Max(r => r.Length - r.Reverse().TakeWhile(ColumnFormat.IsNull).Count());
        var body = header ? sample.Skip(1).ToList() : sample;
        var names = Names(header ? sample[0] : [], width);
        var columns = new List<ColumnInfo>(width);
        for (var c = 0; c < width; c++)
        {
            var present = body.Select(r => c < r.Length ? r[c] : null).Where(v => !ColumnFormat.IsNull(v)).Select(v => v!).ToList();
            columns.Add(new ColumnInfo(c, names[c], TypeInference.Infer(present)));
        }

        return new Dataset(source, displayName, format, header, columns);
    }

    /// <summary>The data rows, each exactly as wide as the header; blank rows skipped.</summary>
    public IEnumerable<DataRow> Rows(LoadWarnings warnings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var width = Columns.Count;
        var number = 0L;
        var skipHeader = _header;
        foreach (var raw in _source.RawRows(warnings, cancellationToken))
        {
            if (IsBlank(raw))
            {
                continue;
            }

            if (skipHeader)
            {
                skipHeader = false;
                continue;
            }

            number++;
            var fields = raw;
            if (raw.Length != width)
            {
                if (raw.Length > width && raw.Skip(width).All(ColumnFormat.IsNull))
                {
                    // Trailing empty fields (a delimiter at the end of the line) are not raggedness.
                }
                else
                {
                    warnings.Add(raw.Length < width ? "short row (missing fields read as empty)" : "long row (extra fields dropped)",
                        string.Create(CultureInfo.InvariantCulture, $"row {number}: {raw.Length} fields, expected {width}"));
                }

                fields = new string?[width];
                Array.Copy(raw, fields, Math.Min(width, raw.Length));
            }

            foreach (var field in fields)
            {
                if (field is not null && field.AsSpan().IndexOfAny(ControlChars) >= 0)
                {
                    warnings.Add("control or undecodable bytes in a field", string.Create(CultureInfo.InvariantCulture, $"row {number}"));
                    break;
                }
            }

            yield return new DataRow(number, fields);
        }
    }

    /// <summary>The column by name (case-insensitive), or a <see cref="ToolException"/> listing the columns.</summary>
    public ColumnInfo Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Columns.FirstOrDefault(c => c.Name == name)
            ?? Columns.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolException($"{DisplayName} has no column '{name}'. Its columns: {string.Join(", ", Columns.Select(c => c.Name))}.");
    }

    /// <summary>What names a row in results: its id value when there is an id column, else "row N".</summary>
    public string RowName(DataRow row) =>
        IdColumn is { } id && row.Fields[id.Index] is { Length: > 0 } value ? $"{id.Name}={value}" : string.Create(CultureInfo.InvariantCulture, $"row {row.Number}");

    private static bool IsBlank(string?[] raw)
    {
        foreach (var field in raw)
        {
            if (!string.IsNullOrWhiteSpace(field))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdName(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        return lower is "id" or "key" or "code" or "order" or "order_id" or "record" or "name" || lower.EndsWith("_id", StringComparison.Ordinal) || lower.EndsWith(" id", StringComparison.Ordinal);
    }

    /// <summary>A header is a first row of distinct, present values none of which reads as a number or a date.</summary>
    private static bool LooksLikeHeader(List<string?[]> sample)
    {
        var first = sample[0];
        if (first.Length == 0 || first.Any(ColumnFormat.IsNull) || first.Distinct(StringComparer.Ordinal).Count() != first.Length)
        {
            return false;
        }

        if (sample.Count == 1)
        {
            return true;
        }

        return first.All(f => TypeInference.Infer([f!]).Kind is ColumnKind.Text or ColumnKind.Boolean);
    }

    private static string[] Names(string?[] header, int width)
    {
        var names = new string[width];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < width; i++)
        {
            var name = i < header.Length && !string.IsNullOrWhiteSpace(header[i]) ? header[i]!.Trim() : $"column_{i + 1}";
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
            }

            names[i] = unique;
        }

        return names;
    }
}
