using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Data;

/// <summary>
/// One sheet of a workbook, read row by row with the SAX-style <see cref="OpenXmlReader"/> so a big sheet is never
/// loaded whole. Date-formatted numbers come out as ISO dates; formulas as their cached values.
/// </summary>
internal sealed class XlsxSource(Func<Stream> open, string? sheetName, string displayName) : RowSource
{
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47];

    public override IEnumerable<string?[]> RawRows(LoadWarnings warnings, CancellationToken cancellationToken)
    {
        using var stream = open();
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            throw new ToolException($"{displayName} is not a readable .xlsx workbook (the package is damaged or is another format); nothing was read.");
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new ToolException($"{displayName} has no workbook part.");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = (sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, sheetName, StringComparison.OrdinalIgnoreCase)))
                ?? throw new ToolException(sheetName is null ? $"{displayName} has no sheets."
                    : $"{displayName} has no sheet named '{sheetName}'. Its sheets: {string.Join(", ", sheets.Select(s => s.Name?.Value))}.");
            if (workbook.GetPartById(sheet.Id!.Value!) is not WorksheetPart part)
            {
                throw new ToolException($"Sheet '{sheet.Name}' of {displayName} is a chart or dialog sheet, not cells.");
            }

            var strings = SharedStrings(workbook);
            var dateStyles = DateStyles(workbook);
            using var reader = OpenXmlReader.Create(part);
            var expected = 1;
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var row = (Row)reader.LoadCurrentElement()!;
                var number = (int)(row.RowIndex?.Value ?? (uint)expected);

                // Blank rows between written ones are rows too; keep positions as in the sheet.
                for (; expected < number; expected++)
                {
                    yield return [];
                }

                expected = number + 1;
                var fields = new List<string?>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : fields.Count;
                    while (fields.Count < column)
                    {
                        fields.Add(null);
                    }

                    fields.Add(ValueOf(cell, strings, dateStyles));
                }

                yield return [.. fields];
            }
        }
    }

    private static string? ValueOf(Cell cell, IReadOnlyList<string> strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        if (raw is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count ? strings[index] : null;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "true" : "false";
        }

        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > -657435 and < 2958466)
        {
            var date = DateTime.FromOADate(serial);
            return date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        return raw;
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return strings;
    }

    /// <summary>The cell-format indexes whose number format shows a date or time.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var styles = new HashSet<uint>();
        var sheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (sheet?.CellFormats is null)
        {
            return styles;
        }

        var custom = sheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && f.FormatCode?.Value is { } code && IsDateCode(code))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var index = 0u;
        foreach (var format in sheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (BuiltInDateFormats.Contains(id) || custom.Contains(id))
            {
                styles.Add(index);
            }

            index++;
        }

        return styles;
    }

    private static bool IsDateCode(string code)
    {
        // Quoted text and [colour]/[$-locale] sections say nothing about dates.
        var bare = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", "");
        return bare.IndexOfAny(['y', 'd', 'h', 's']) >= 0 || (bare.Contains('m', StringComparison.Ordinal) && !bare.Contains('0', StringComparison.Ordinal));
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return Math.Max(0, index - 1);
    }
}
