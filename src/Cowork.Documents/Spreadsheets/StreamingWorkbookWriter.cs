using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Documents;

/// <summary>
/// Writes large sheets row by row straight into the worksheet part's stream, in flat memory (the cell XML is a
/// handful of fixed shapes; the SDK writes the package, styles and workbook): each formula's cached value
/// is computed by the built-in evaluator against its own row (a streaming formula may refer only to its row),
/// fullCalcOnLoad is set, and the first row can be a bold, frozen header.
/// </summary>
public sealed class StreamingWorkbookWriter : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly Sheets _sheets = new();
    private readonly SharedStrings _strings = new();
    private readonly RowContext _row = new();
    private readonly FormulaEvaluator _evaluator;
    private StreamWriter? _writer;
    private string _sheet = "";
    private int _rowIndex;
    private bool _finished;

    public StreamingWorkbookWriter(Stream output)
    {
        // Fast compression: for a large sheet, deflate at the default level costs more than writing the XML.
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        _document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
        _workbook = _document.AddWorkbookPart();
        _evaluator = new FormulaEvaluator(_row);
    }

    /// <summary>Starts a sheet; with <paramref name="header"/>, its first row is those bold texts, frozen.</summary>
    public void BeginSheet(string name, IReadOnlyList<string>? header = null)
    {
        EndSheet();
        var part = _workbook.AddNewPart<WorksheetPart>();
        _sheets.Append(new Sheet { Name = name, SheetId = (uint)(_sheets.ChildElements.Count + 1), Id = _workbook.GetIdOfPart(part) });
        _sheet = name;
        _row.Sheet = name;
        _rowIndex = 0;
        _writer = new StreamWriter(part.GetStream(FileMode.Create, FileAccess.Write), new System.Text.UTF8Encoding(false), 1 << 16);
        _writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        if (header is not null)
        {
            _writer.Write("<sheetViews><sheetView " + (_sheets.ChildElements.Count == 1 ? "tabSelected=\"1\" " : "") +
                "workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>");
        }

        _writer.Write("<sheetData>");
        if (header is not null)
        {
            WriteRow(header.Select(StreamingCell.Of).ToArray(), style: 1);
        }
    }

    /// <exception cref="ToolException">A formula refers outside its row, or cannot be calculated.</exception>
    public void WriteRow(ReadOnlySpan<StreamingCell> cells) => WriteRow(cells, style: 0);

    private void WriteRow(ReadOnlySpan<StreamingCell> cells, uint style)
    {
        var writer = _writer ?? throw new InvalidOperationException("Call BeginSheet first.");
        _rowIndex++;
        _row.Start(_rowIndex, cells.Length);
        var rowNumber = _rowIndex.ToString(CultureInfo.InvariantCulture);
        var styled = style == 0 ? "" : $" s=\"{style}\"";
        writer.Write("<row r=\"");
        writer.Write(rowNumber);
        writer.Write("\">");
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            var column = i < Columns.Length ? Columns[i] : CellAddress.ColumnName(i + 1);
            writer.Write("<c r=\"");
            writer.Write(column);
            writer.Write(rowNumber);
            writer.Write('"');
            writer.Write(styled);
            if (cell.Formula is { } formula)
            {
                var value = Evaluate(formula, column + rowNumber);
                _row.Set(i + 1, value);
                writer.Write(value switch { string => " t=\"str\"><f>", bool => " t=\"b\"><f>", _ => "><f>" });
                writer.Write(Escape(Stored(formula)));
                writer.Write("</f><v>");
                writer.Write(value switch
                {
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    bool b => b ? "1" : "0",
                    _ => Escape((string)value),
                });
                writer.Write("</v></c>");
            }
            else if (cell.Text is { } text)
            {
                _row.Set(i + 1, text);
                writer.Write(" t=\"s\"><v>");
                writer.Write(_strings.Index(text).ToString(CultureInfo.InvariantCulture));
                writer.Write("</v></c>");
            }
            else
            {
                _row.Set(i + 1, cell.Number);
                writer.Write("><v>");
                writer.Write(cell.Number.ToString("R", CultureInfo.InvariantCulture));
                writer.Write("</v></c>");
            }
        }

        writer.Write("</row>");
    }

    private static readonly string[] Columns = Enumerable.Range(1, 64).Select(CellAddress.ColumnName).ToArray();

    /// <summary>The stored form (_xlfn. prefixes), tokenized only when a newer function's name appears at all.</summary>
    private static string Stored(string formula)
    {
        foreach (var name in FormulaFunctions.Newer)
        {
            if (formula.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return WorkbookWriter.StoredFormula(formula);
            }
        }

        return formula;
    }

    private static string Escape(string text) =>
        text.AsSpan().IndexOfAny("<>&\"") < 0 ? text : System.Security.SecurityElement.Escape(text);

    private object Evaluate(string formula, string reference)
    {
        object value;
        try
        {
            value = _evaluator.Evaluate(FormulaParser.Parse(formula), _sheet);
        }
        catch (FormulaException ex)
        {
            throw new ToolException($"The formula in {_sheet}!{reference} (={formula}) cannot be calculated: {ex.Message}.");
        }

        return value is FormulaError error
            ? throw new ToolException($"The formula in {_sheet}!{reference} (={formula}) evaluates to {error.Code}; fix the inputs or wrap it in IFERROR.")
            : value;
    }

    /// <summary>Ends the last sheet and writes the workbook, styles and shared strings.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        EndSheet();
        _finished = true;
        var styles = new StyleBook();
        styles.Index(new CellStyle { Bold = true, Fill = "#DCE6F1", Border = "bottom" });
        _workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = styles.Build();
        var stringsPart = _workbook.AddNewPart<SharedStringTablePart>();
        using (var writer = OpenXmlWriter.Create(stringsPart))
        {
            writer.WriteStartElement(new SharedStringTable(), [new OpenXmlAttribute("count", "", _strings.Count.ToString(CultureInfo.InvariantCulture)), new OpenXmlAttribute("uniqueCount", "", _strings.Count.ToString(CultureInfo.InvariantCulture))]);
            foreach (var text in _strings.Strings)
            {
                writer.WriteElement(new SharedStringItem(new Text(text)));
            }

            writer.WriteEndElement();
        }

        _workbook.Workbook = new Workbook(_sheets, new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        _document.Dispose();
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _writer?.Dispose();
            _document.Dispose();
        }
    }

    private void EndSheet()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Write("</sheetData></worksheet>");
        _writer.Dispose();
        _writer = null;
    }

    /// <summary>The one row a streaming formula can see.</summary>
    private sealed class RowContext : IFormulaContext
    {
        private object?[] _values = new object?[16];
        private int _count;
        private int _row;

        public string Sheet { get; set; } = "";

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

        string? IFormulaContext.Sheet(string name) => name.Equals(Sheet, StringComparison.OrdinalIgnoreCase) ? Sheet
            : throw new FormulaException("a streaming formula may refer only to cells of its own row on its own sheet");

        public object? Value(string sheet, CellAddress cell) =>
            cell.Row == _row ? cell.Column <= _count ? _values[cell.Column - 1] : null
                : throw new FormulaException($"a streaming formula may refer only to cells of its own row ({_row}), not {cell}");

        public CellRange? Used(string sheet, CellRange range)
        {
            if (range.First.Row != _row || range.Last.Row != _row)
            {
                throw new FormulaException($"a streaming formula may refer only to cells of its own row ({_row})");
            }

            var last = Math.Min(range.Last.Column, _count);
            return range.First.Column <= last ? new CellRange(new CellAddress(_row, range.First.Column), new CellAddress(_row, last)) : null;
        }

        public RangeValue? Name(string name) => null;
    }
}
