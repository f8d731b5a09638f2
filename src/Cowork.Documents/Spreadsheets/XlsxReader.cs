using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Documents;

/// <summary>Reads an .xlsx: sheet names, defined names, and each sheet's cells streamed (values as stored, formulas).</summary>
internal sealed class XlsxReader : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, WorksheetPart> _parts = new(StringComparer.OrdinalIgnoreCase);

    private XlsxReader(SpreadsheetDocument document)
    {
        _document = document;
        var workbook = document.WorkbookPart?.Workbook ?? throw new ToolException("The file has no workbook part.");
        if (document.WorkbookPart.SharedStringTablePart?.SharedStringTable is { } table)
        {
            _strings.AddRange(table.Elements<SharedStringItem>().Select(i => i.InnerText));
        }

        foreach (var sheet in workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            var name = sheet.Name?.Value ?? "";
            Sheets.Add(name);
            if (sheet.Id?.Value is { } id && document.WorkbookPart.TryGetPartById(id, out var part) && part is WorksheetPart worksheet)
            {
                _parts[name] = worksheet;
            }
        }

        DefinedNames = workbook.DefinedNames?.Elements<DefinedName>().Select(d => (d.Name?.Value ?? "", d.Text)).ToList() ?? [];
        FullCalcOnLoad = workbook.CalculationProperties?.FullCalculationOnLoad?.Value == true;
    }

    public List<string> Sheets { get; } = [];

    public IReadOnlyList<(string Name, string Text)> DefinedNames { get; }

    public bool FullCalcOnLoad { get; }

    public SpreadsheetDocument Document => _document;

    /// <exception cref="ToolException">The stream is not a readable .xlsx; the message says so.</exception>
    public static XlsxReader Open(Stream stream, string shownName)
    {
        try
        {
            return new XlsxReader(SpreadsheetDocument.Open(stream, false));
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            throw new ToolException($"{shownName} is not a readable .xlsx workbook (it may be damaged, or another format with an .xlsx name): {ex.Message}");
        }
    }

    public WorksheetPart? Part(string sheet) => _parts.GetValueOrDefault(sheet);

    /// <summary>The sheet's cells in file order, streamed (memory stays flat for large sheets).</summary>
    public IEnumerable<XlsxCell> Cells(string sheet)
    {
        if (Part(sheet) is not { } part)
        {
            yield break;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Cell) || !reader.IsStartElement)
            {
                continue;
            }

            var cell = (Cell)reader.LoadCurrentElement()!;
            var reference = cell.CellReference?.Value ?? "";
            CellAddress.TryParse(reference, out var address);
            yield return new XlsxCell(address, Value(cell), cell.CellFormula?.Text is { Length: > 0 } f ? f : null, reference);
        }
    }

    private object? Value(Cell cell)
    {
        var text = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (text is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _strings.Count ? _strings[index] : FormulaError.Ref;
        }

        if (type == CellValues.String)
        {
            return text;
        }

        if (type == CellValues.Boolean)
        {
            return text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        if (type == CellValues.Error)
        {
            return FormulaError.FromCode(text) ?? new FormulaError(text);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
    }

    public void Dispose() => _document.Dispose();
}
