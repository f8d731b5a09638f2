using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Cowork.Documents;

/// <summary>
/// Writes large sheets row by row straight into the zip, in flat memory: each formula's cached value is computed by
/// the built-in evaluator against its own row (a streaming formula may refer only to its row), or, for a formula over
/// other sheets, given by the caller; fullCalcOnLoad is set. The first row can be a bold, frozen header with filter
/// buttons, columns carry number formats, widths and wrapping, rows can be emphasized, and a sheet can carry native charts.
/// </summary>
/// <remarks>
/// The package is written with <see cref="ZipArchive"/> in create mode rather than through the Open XML SDK: the SDK
/// cannot open a write-only package, and a read-write one buffers every part in memory until it is saved (for a
/// million cells that copying was most of the time and memory). The few package parts are fixed text; the
/// stylesheet still comes from the SDK's <see cref="StyleBook"/>.
/// </remarks>
public sealed class StreamingWorkbookWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private readonly SharedStrings _strings = new();
    private readonly RowContext _row = new();
    private readonly FormulaEvaluator _evaluator;
    private readonly RowFormulas _formulas = new();
    private readonly StyleBook _styles = new();
    private byte[][] _plainStyles = [];
    private byte[][] _boldStyles = [];
    private double[] _wrapWidths = [];
    private readonly List<ChartSpec> _charts = [];
    private readonly Dictionary<CellAddress, object?> _chartValues = [];
    private readonly List<string> _parts = [];
    private int _drawings;
    private int _chartCount;
    private int _autoFilterColumns;
    private Utf8XmlWriter? _writer;
    private string _sheet = "";
    private int _rowIndex;
    private bool _finished;

    public StreamingWorkbookWriter(Stream output)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        _evaluator = new FormulaEvaluator(_row);
        _styles.Index(new CellStyle { Bold = true, Fill = "#DCE6F1", Border = "bottom" });
    }

    /// <summary>Starts a sheet; with <paramref name="header"/>, its first row is those bold texts, frozen.</summary>
    /// <exception cref="ToolException">The name cannot be a sheet's, or another sheet has it.</exception>
    public void BeginSheet(string name, IReadOnlyList<string>? header = null)
    {
        if (header is null)
        {
            BeginSheet(name, [], writeHeader: false, autoFilter: false);
        }
        else
        {
            BeginSheet(name, [.. header.Select(h => new StreamingColumn(h))], writeHeader: true, autoFilter: false);
        }
    }

    /// <summary>
    /// Starts a sheet whose first row is the columns' headers, bold and frozen; each column's cells get its number
    /// format and width. With <paramref name="autoFilter"/>, the header row gets filter buttons over all the rows.
    /// </summary>
    /// <exception cref="ToolException">The name cannot be a sheet's, another sheet has it, or a number format is unknown.</exception>
    public void BeginSheet(string name, IReadOnlyList<StreamingColumn> columns, bool autoFilter = false) =>
        BeginSheet(name, columns, writeHeader: true, autoFilter);

    private void BeginSheet(string name, IReadOnlyList<StreamingColumn> columns, bool writeHeader, bool autoFilter)
    {
        WorkbookWriter.CheckSheetName(name);
        if (_sheets.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ToolException($"There is already a sheet named \"{name}\".");
        }

        EndSheet();
        _sheets.Add(name);
        _sheet = name;
        _row.Sheet = name;
        _rowIndex = 0;
        _autoFilterColumns = autoFilter ? columns.Count : 0;
        _plainStyles = [.. columns.Select(c => StyleAttribute(new CellStyle { NumberFormat = c.NumberFormat, Wrap = c.Wrap }))];
        _boldStyles = [.. columns.Select(c => StyleAttribute(new CellStyle { NumberFormat = c.NumberFormat, Wrap = c.Wrap, Bold = true }))];
        _wrapWidths = [.. columns.Select(c => c.Wrap ? c.Width ?? 8.43 : 0)];
        // Fastest deflate: at the default level compressing costs more than producing the XML.
        _writer = new Utf8XmlWriter(_zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest).Open());
        _writer.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"u8);
        _writer.Raw(_sheets.Count == 1 ? "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"u8 : "<sheetViews><sheetView workbookViewId=\"0\">"u8);
        if (writeHeader)
        {
            _writer.Raw("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"u8);
        }

        _writer.Raw("</sheetView></sheetViews>"u8);
        if (columns.Any(c => c.Width is not null))
        {
            _writer.Raw("<cols>"u8);
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Width is { } width)
                {
                    _writer.Markup(string.Create(CultureInfo.InvariantCulture, $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{Math.Clamp(width, 1, 255):0.##}\" customWidth=\"1\"/>"));
                }
            }

            _writer.Raw("</cols>"u8);
        }

        _writer.Raw("<sheetData>"u8);
        if (writeHeader)
        {
            WriteRow([.. columns.Select(c => StreamingCell.Of(c.Header))], header: true);
        }
    }

    /// <exception cref="ToolException">A formula refers outside its row or cannot be calculated, or a number is not finite.</exception>
    public void WriteRow(ReadOnlySpan<StreamingCell> cells) => WriteRow(cells, header: false);

    /// <summary>A row in bold (totals, headings), in its columns' number formats.</summary>
    /// <exception cref="ToolException">A formula refers outside its row or cannot be calculated, or a number is not finite.</exception>
    public void WriteEmphasizedRow(ReadOnlySpan<StreamingCell> cells) => WriteRow(cells, header: false, emphasized: true);

    // Optimized from the first call: a large sheet is one long loop here, and waiting for tiering costs a third of the time.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void WriteRow(ReadOnlySpan<StreamingCell> cells, bool header, bool emphasized = false)
    {
        var writer = _writer ?? throw new InvalidOperationException("Call BeginSheet first.");
        if (_rowIndex == CellAddress.MaxRow)
        {
            throw new ToolException($"Sheet {_sheet} is full: a sheet holds at most {CellAddress.MaxRow:N0} rows.");
        }

        _rowIndex++;
        _row.Start(_rowIndex, cells.Length);
        writer.Raw("<row r=\""u8);
        writer.Number(_rowIndex);
        if (WrappedLines(cells, bold: header || emphasized) is > 1 and var lines)
        {
            // Neither Excel nor LibreOffice grows a streamed row to fit wrapped text, so the row says how tall it is.
            writer.Raw("\" ht=\""u8);
            writer.Number(lines * 15);
            writer.Raw("\" customHeight=\"1"u8);
        }

        writer.Raw("\">"u8);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            writer.Raw("<c r=\""u8);
            writer.Raw(i < Columns.Length ? Columns[i] : System.Text.Encoding.ASCII.GetBytes(CellAddress.ColumnName(i + 1)));
            writer.Number(_rowIndex);
            writer.Raw(header ? HeaderStyle : i >= _plainStyles.Length ? "\""u8 : emphasized ? _boldStyles[i] : _plainStyles[i]);
            if (cell.IsBlank)
            {
                _row.Set(i + 1, null);
                writer.Raw("/>"u8);
            }
            else if (cell.Formula is { } formula)
            {
                var (value, stored) = cell.Computed is { } computed ? Checked(formula, computed, i + 1) : Evaluate(formula, i + 1);
                _row.Set(i + 1, value);
                writer.Raw(value switch { string => " t=\"str\"><f>"u8, bool => " t=\"b\"><f>"u8, _ => "><f>"u8 });
                writer.Text(stored);
                writer.Raw("</f><v>"u8);
                switch (value)
                {
                    case double d:
                        writer.Number(d);
                        break;
                    case bool b:
                        writer.Raw(b ? "1"u8 : "0"u8);
                        break;
                    default:
                        writer.Text((string)value);
                        break;
                }

                writer.Raw("</v></c>"u8);
            }
            else if (cell.Text is { } text)
            {
                _row.Set(i + 1, text);
                writer.Raw(" t=\"s\"><v>"u8);
                writer.Number(_strings.Index(text));
                writer.Raw("</v></c>"u8);
            }
            else
            {
                if (!double.IsFinite(cell.Number))
                {
                    throw new ToolException($"Sheet {_sheet}, {CellAddress.ColumnName(i + 1)}{_rowIndex}: {cell.Number} is not a number a cell can hold.");
                }

                _row.Set(i + 1, cell.Number);
                writer.Raw("><v>"u8);
                writer.Number(cell.Number);
                writer.Raw("</v></c>"u8);
            }
        }

        writer.Raw("</row>"u8);
        KeepForCharts(cells);
    }

    /// <summary>The most lines a text of the row takes in its wrapping column, estimated from its length and the column's width.</summary>
    private int WrappedLines(ReadOnlySpan<StreamingCell> cells, bool bold)
    {
        var lines = 1;
        for (var i = 0; i < cells.Length && i < _wrapWidths.Length; i++)
        {
            if (_wrapWidths[i] > 0 && cells[i].Text is { } text)
            {
                // A width unit is one digit; ordinary text fits about a fifth more characters than that, bold text no more.
                lines = Math.Max(lines, (int)Math.Ceiling(text.Length / (_wrapWidths[i] * (bold ? 1.0 : 1.2))));
            }
        }

        return lines;
    }

    /// <summary>The row's values, kept for the first rows of a sheet so its charts can carry caches of what they show.</summary>
    private void KeepForCharts(ReadOnlySpan<StreamingCell> cells)
    {
        if (_rowIndex > MaxChartRows)
        {
            return;
        }

        for (var i = 1; i <= cells.Length; i++)
        {
            _chartValues[new CellAddress(_rowIndex, i)] = _row.Get(i);
        }
    }

    private const int MaxChartRows = 2_000;

    private static ReadOnlySpan<byte> HeaderStyle => "\" s=\"1\""u8;

    /// <summary>The end of a cell's r attribute with its style: <c>" s="3"</c>, or just the quote for the default style.</summary>
    private byte[] StyleAttribute(CellStyle style)
    {
        var index = _styles.Index(style);
        return index == 0 ? "\""u8.ToArray() : System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\" s=\"{index}\""));
    }

    /// <summary>A formula over other sheets: it must parse; its value is the caller's.</summary>
    private (object Value, string Stored) Checked(string formula, object value, int column)
    {
        try
        {
            FormulaParser.Parse(formula);
        }
        catch (FormulaException ex)
        {
            throw new ToolException($"The formula in {_sheet}!{CellAddress.ColumnName(column)}{_rowIndex} (={formula}) cannot be read: {ex.Message}.");
        }

        return value is double d && !double.IsFinite(d)
            ? throw new ToolException($"The formula in {_sheet}!{CellAddress.ColumnName(column)}{_rowIndex} (={formula}) has no finite value.")
            : (value, WorkbookWriter.StoredFormula(formula));
    }

    private static readonly byte[][] Columns = Enumerable.Range(1, 64).Select(c => System.Text.Encoding.ASCII.GetBytes(CellAddress.ColumnName(c))).ToArray();

    /// <summary>The formula's cached value and its stored form (with _xlfn. prefixes).</summary>
    private (object Value, string Stored) Evaluate(string formula, int column)
    {
        object value;
        RowFormulas.Shape shape;
        try
        {
            shape = _formulas.Get(formula, _rowIndex);
            _row.Shift = _rowIndex - shape.Row;
            value = _evaluator.Evaluate(shape.Node, _sheet);
        }
        catch (FormulaException ex)
        {
            throw new ToolException($"The formula in {_sheet}!{CellAddress.ColumnName(column)}{_rowIndex} (={formula}) cannot be calculated: {ex.Message}.");
        }

        return value is FormulaError error
            ? throw new ToolException($"The formula in {_sheet}!{CellAddress.ColumnName(column)}{_rowIndex} (={formula}) evaluates to {error.Code}; fix the inputs or wrap it in IFERROR.")
            : (value, shape.UsesNewerFunctions ? WorkbookWriter.StoredFormula(formula) : formula);
    }

    /// <summary>
    /// Adds a native chart to the sheet being written, drawn when it ends: <paramref name="type"/> is column, bar, line,
    /// pie or scatter; ranges are of this sheet ("A2:A13"), at most its first 2,000 rows.
    /// </summary>
    /// <exception cref="ToolException">Unknown type, no series, or a range that is not one.</exception>
    public void AddChart(string type, string title, string categories, IReadOnlyList<(string Name, string Values)> series, string anchor,
        string? xTitle = null, string? yTitle = null)
    {
        if (_writer is null)
        {
            throw new InvalidOperationException("Call BeginSheet first.");
        }

        var chart = new ChartSpec
        {
            Type = type, Title = title, Categories = categories, Anchor = anchor, XTitle = xTitle, YTitle = yTitle, Width = 9, Height = 18,
            Series = [.. series.Select(s => new ChartSeriesSpec { Name = s.Name, Values = s.Values })],
        };
        ChartWriter.Space(chart, _sheet, (_, _) => null);
        _charts.Add(chart);
    }

    /// <summary>The column's letters, as references name it: 1 is A, 27 is AA.</summary>
    public static string ColumnName(int column) => CellAddress.ColumnName(column);

    /// <summary>Ends the last sheet and writes the workbook, styles and shared strings.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        if (_sheets.Count == 0)
        {
            throw new InvalidOperationException("A workbook needs at least one sheet: call BeginSheet first.");
        }

        EndSheet();
        _finished = true;
        SaveXml("xl/styles.xml", _styles.Build());

        using (var writer = Part("xl/sharedStrings.xml"))
        {
            writer.Raw("<sst xmlns=\""u8);
            writer.Text(Main);
            writer.Raw("\" count=\""u8);
            writer.Number(_strings.Count);
            writer.Raw("\" uniqueCount=\""u8);
            writer.Number(_strings.Count);
            writer.Raw("\">"u8);
            foreach (var text in _strings.Strings)
            {
                var preserve = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
                writer.Raw(preserve ? "<si><t xml:space=\"preserve\">"u8 : "<si><t>"u8);
                writer.Text(text);
                writer.Raw("</t></si>"u8);
            }

            writer.Raw("</sst>"u8);
        }

        using (var writer = Part("xl/workbook.xml"))
        {
            writer.Markup($"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                writer.Raw("<sheet name=\""u8);
                writer.Text(_sheets[i - 1]);
                writer.Markup($"\" sheetId=\"{i}\" r:id=\"rId{i}\"/>");
            }

            writer.Raw("</sheets><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>"u8);
        }

        const string Type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
        using (var writer = Part("xl/_rels/workbook.xml.rels"))
        {
            writer.Raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"u8);
            for (var i = 1; i <= _sheets.Count; i++)
            {
                writer.Markup($"<Relationship Id=\"rId{i}\" Type=\"{Type}worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
            }

            writer.Markup($"<Relationship Id=\"rId{_sheets.Count + 1}\" Type=\"{Type}styles\" Target=\"styles.xml\"/>");
            writer.Markup($"<Relationship Id=\"rId{_sheets.Count + 2}\" Type=\"{Type}sharedStrings\" Target=\"sharedStrings.xml\"/>");
            writer.Raw("</Relationships>"u8);
        }

        using (var writer = Part("_rels/.rels"))
        {
            writer.Markup($"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Type}officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        }

        using (var writer = Part("[Content_Types].xml"))
        {
            const string Sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml";
            writer.Markup("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                $"<Override PartName=\"/xl/workbook.xml\" ContentType=\"{Sheet}.sheet.main+xml\"/>");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                writer.Markup($"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"{Sheet}.worksheet+xml\"/>");
            }

            foreach (var part in _parts)
            {
                writer.Markup(part);
            }

            writer.Markup($"<Override PartName=\"/xl/styles.xml\" ContentType=\"{Sheet}.styles+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"{Sheet}.sharedStrings+xml\"/></Types>");
        }

        _zip.Dispose();
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _writer?.Dispose();
            _zip.Dispose();
        }
    }

    /// <summary>The sheet's drawing and a chart part per chart, through the SDK's chart and anchor builders.</summary>
    private void WriteCharts()
    {
        if (_charts.Count == 0)
        {
            return;
        }

        var drawing = ++_drawings;
        const string Type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
        using (var writer = Part($"xl/worksheets/_rels/sheet{_sheets.Count}.xml.rels"))
        {
            writer.Markup($"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{Type}drawing\" Target=\"../drawings/drawing{drawing}.xml\"/></Relationships>");
        }

        var frames = new DocumentFormat.OpenXml.Drawing.Spreadsheet.WorksheetDrawing();
        frames.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        frames.AddNamespaceDeclaration("r", Relationships);
        var links = new System.Text.StringBuilder("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (var i = 0; i < _charts.Count; i++)
        {
            var number = ++_chartCount;
            var space = ChartWriter.Space(_charts[i], _sheet, (_, cell) => _chartValues.GetValueOrDefault(cell));
            space.AddNamespaceDeclaration("r", Relationships);
            SaveXml($"xl/charts/chart{number}.xml", space);
            _parts.Add($"<Override PartName=\"/xl/charts/chart{number}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>");
            links.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{i + 1}\" Type=\"{Type}chart\" Target=\"../charts/chart{number}.xml\"/>");
            var at = CellAddress.TryParse(_charts[i].Anchor, out var given) ? given : new CellAddress(2, 6);
            frames.Append(ChartWriter.Anchor($"rId{i + 1}", (uint)(i + 2), _charts[i], at));
        }

        SaveXml($"xl/drawings/drawing{drawing}.xml", frames);
        _parts.Add($"<Override PartName=\"/xl/drawings/drawing{drawing}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawing+xml\"/>");
        using (var writer = Part($"xl/drawings/_rels/drawing{drawing}.xml.rels"))
        {
            writer.Markup(links.Append("</Relationships>").ToString());
        }

        _charts.Clear();
    }

    private void SaveXml(string name, DocumentFormat.OpenXml.OpenXmlElement element)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        element.WriteTo(xml);
    }

    private Utf8XmlWriter Part(string name)
    {
        var writer = new Utf8XmlWriter(_zip.CreateEntry(name, CompressionLevel.Fastest).Open());
        writer.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"u8);
        return writer;
    }

    private void EndSheet()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Raw("</sheetData>"u8);
        if (_autoFilterColumns > 0 && _rowIndex > 0)
        {
            _writer.Markup($"<autoFilter ref=\"A1:{CellAddress.ColumnName(_autoFilterColumns)}{_rowIndex.ToString(CultureInfo.InvariantCulture)}\"/>");
        }

        if (_charts.Count > 0)
        {
            _writer.Raw("<drawing r:id=\"rId1\"/>"u8);
        }

        _writer.Raw("</worksheet>"u8);
        _writer.Dispose();
        _writer = null;
        WriteCharts();
        _chartValues.Clear();
    }

    /// <summary>
    /// Parses each shape of formula once: formulas that differ only in their own row's number ("SUM(C2:I2)",
    /// "SUM(C3:I3)", …) share one tree, evaluated with the row shifted. The shape keeps every other number as written,
    /// so a formula that also names another row never matches one that does not.
    /// </summary>
    private sealed class RowFormulas
    {
        private const int MaxShapes = 1024;
        private readonly Dictionary<string, Shape> _shapes = new(StringComparer.Ordinal);
        private char[] _key = new char[256];

        public sealed record Shape(FormulaNode Node, int Row, bool UsesNewerFunctions);

        /// <exception cref="FormulaException">The formula does not parse.</exception>
        public Shape Get(string formula, int row)
        {
            if (_key.Length < formula.Length)
            {
                _key = new char[formula.Length * 2];
            }

            var key = _key.AsSpan(0, KeyOf(formula, row, _key));
            var lookup = _shapes.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(key, out var shape))
            {
                return shape;
            }

            var node = FormulaParser.Parse(formula);
            shape = new Shape(node, row, FormulaFunctions.Newer.Any(name => formula.Contains(name, StringComparison.OrdinalIgnoreCase)));
            if (_shapes.Count == MaxShapes)
            {
                _shapes.Clear();
            }

            lookup[key] = shape;
            return shape;
        }

        /// <summary>The formula with the digits of each reference to <paramref name="row"/> (letters, then that row's number) replaced by one marker; quoted text is kept as is.</summary>
        private static int KeyOf(string formula, int row, char[] key)
        {
            Span<char> digits = stackalloc char[11];
            row.TryFormat(digits, out var length);
            digits = digits[..length];
            var used = 0;
            var quote = '\0';
            for (var i = 0; i < formula.Length;)
            {
                var c = formula[i];
                if (quote != '\0' || c is '"' or '\'')
                {
                    quote = quote == '\0' ? c : c == quote ? '\0' : quote;
                    key[used++] = c;
                    i++;
                    continue;
                }

                var end = i;
                while (end < formula.Length && char.IsAsciiDigit(formula[end]))
                {
                    end++;
                }

                var afterLetters = i > 0 && (char.IsAsciiLetter(formula[i - 1]) || formula[i - 1] == '$');
                var next = end < formula.Length ? formula[end] : '\0';
                if (end > i && afterLetters && formula.AsSpan(i, end - i).SequenceEqual(digits) && !char.IsAsciiLetterOrDigit(next) && next is not '(' and not '!' and not '_' and not '.')
                {
                    key[used++] = '\u0001';
                    i = end;
                }
                else if (end > i)
                {
                    formula.CopyTo(i, key, used, end - i);
                    used += end - i;
                    i = end;
                }
                else
                {
                    key[used++] = c;
                    i++;
                }
            }

            return used;
        }
    }

    /// <summary>The one row a streaming formula can see; a shared formula tree is read with its row shifted to this one.</summary>
    private sealed class RowContext : IFormulaContext
    {
        private object?[] _values = new object?[16];
        private int _count;
        private int _row;

        public string Sheet { get; set; } = "";

        /// <summary>This row minus the row the formula tree was parsed in.</summary>
        public int Shift { get; set; }

        public void Start(int row, int columns)
        {
            _row = row;
            _count = columns;
            if (_values.Length < columns)
            {
                _values = new object?[columns];
            }

            Array.Clear(_values, 0, columns);
        }

        public void Set(int column, object? value) => _values[column - 1] = value;

        public object? Get(int column) => _values[column - 1];

        string? IFormulaContext.Sheet(string name) => name.Equals(Sheet, StringComparison.OrdinalIgnoreCase) ? Sheet
            : throw new FormulaException("a streaming formula may refer only to cells of its own row on its own sheet");

        public object? Value(string sheet, CellAddress cell) =>
            cell.Row + Shift == _row ? cell.Column <= _count ? _values[cell.Column - 1] : null
                : throw new FormulaException($"a streaming formula may refer only to cells of its own row ({_row}), not {cell with { Row = cell.Row + Shift }}");

        public CellRange? Used(string sheet, CellRange range)
        {
            if (range.First.Row + Shift != _row || range.Last.Row + Shift != _row)
            {
                throw new FormulaException($"a streaming formula may refer only to cells of its own row ({_row})");
            }

            var last = Math.Min(range.Last.Column, _count);
            return range.First.Column <= last ? range with { Last = range.Last with { Column = last } } : null;
        }

        public RangeValue? Name(string name) => null;
    }
}
