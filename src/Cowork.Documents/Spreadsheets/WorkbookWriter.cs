using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Documents;

/// <summary>
/// Writes a <see cref="WorkbookSpec"/> as an .xlsx: every formula with its cached value from the built-in
/// evaluator and fullCalcOnLoad set, newer functions with the _xlfn. prefix, styles, tables, conditional formats,
/// validations, frozen panes, autofilters and native charts.
/// </summary>
internal static partial class WorkbookWriter
{
    /// <summary>The most cells a spec may hold; bigger sheets go through the streaming writer.</summary>
    public const int MaxCells = 250_000;

    private const string HeaderFill = "#DCE6F1";

    /// <summary>The workbook's bytes and what it holds, for the tool's report.</summary>
    /// <exception cref="ToolException">The spec is invalid, a formula cannot be calculated or evaluates to an error.</exception>
    public static (byte[] Bytes, WorkbookSummary Summary) Write(WorkbookSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sheets = Cells(spec);
        var calculator = Calculate(spec, sheets);
        using var stream = new MemoryStream();
        var summary = new WorkbookSummary();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var styles = new StyleBook();
            var strings = new SharedStrings();
            var sheetsElement = new Sheets();
            var definedNames = new DefinedNames();
            var tableId = 1u;
            for (var i = 0; i < spec.Sheets.Count; i++)
            {
                var sheetSpec = spec.Sheets[i];
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var filter = WriteSheet(part, sheetSpec, sheets[i], calculator, styles, strings, i == 0, ref tableId, summary);
                sheetsElement.Append(new Sheet { Name = sheetSpec.Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(part) });
                if (filter is { } range)
                {
                    definedNames.Append(new DefinedName { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true, Text = new SheetReference(sheetSpec.Name, range).Absolute() });
                }
            }

            foreach (var (name, target) in spec.Names ?? [])
            {
                definedNames.Append(new DefinedName { Name = name, Text = Reference(target, spec.Sheets[0].Name, spec).Absolute() });
            }

            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = styles.Build();
            var stringsPart = workbookPart.AddNewPart<SharedStringTablePart>();
            stringsPart.SharedStringTable = strings.Build();
            var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheetsElement);
            if (definedNames.HasChildren)
            {
                workbook.Append(definedNames);
            }

            // fullCalcOnLoad: Excel and LibreOffice recompute on opening, whatever the cached values say.
            workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
            workbookPart.Workbook = workbook;
        }

        summary.Sheets = spec.Sheets.Count;
        return (stream.ToArray(), summary);
    }

    /// <summary>The stored formula: no '=', newer functions prefixed _xlfn. so Excel recognizes them.</summary>
    public static string StoredFormula(string formula)
    {
        var text = formula.StartsWith('=') ? formula[1..] : formula;
        var tokens = FormulaTokenizer.Tokenize(text);
        var result = new System.Text.StringBuilder(text);
        foreach (var token in tokens.Where(t => t.Kind == FormulaTokenKind.Function && FormulaFunctions.Newer.Contains(t.Text.ToUpperInvariant())).Reverse())
        {
            result.Insert(token.Position, "_xlfn.");
        }

        return result.ToString();
    }

    private static List<Dictionary<CellAddress, SpecCell>> Cells(WorkbookSpec spec)
    {
        if (spec.Sheets.Count == 0)
        {
            throw new ToolException("A workbook needs at least one sheet: {\"sheets\": [{\"name\": \"Data\", \"rows\": [[...]]}]}.");
        }

        var total = 0L;
        var result = new List<Dictionary<CellAddress, SpecCell>>();
        foreach (var sheet in spec.Sheets)
        {
            CheckSheetName(sheet.Name);
            var cells = new Dictionary<CellAddress, SpecCell>();
            var start = sheet.Start is null ? new CellAddress(1, 1) : Address(sheet.Start, sheet.Name, "start");
            for (var r = 0; r < (sheet.Rows?.Count ?? 0); r++)
            {
                var row = sheet.Rows![r];
                for (var c = 0; c < row.Count; c++)
                {
                    var address = new CellAddress(start.Row + r, start.Column + c);
                    if (address.Row > CellAddress.MaxRow || address.Column > CellAddress.MaxColumn)
                    {
                        throw new ToolException($"Sheet {sheet.Name}: row {r + 1} goes beyond the last cell a sheet can hold.");
                    }

                    if (Cell(row[c], sheet.Name, address) is { } cell)
                    {
                        cells[address] = cell;
                    }
                }

                total += row.Count;
            }

            foreach (var (key, value) in sheet.Cells ?? [])
            {
                var address = Address(key, sheet.Name, "cells");
                if (Cell(value, sheet.Name, address) is { } cell)
                {
                    cells[address] = cell;
                }
                else
                {
                    cells.Remove(address);
                }

                total++;
            }

            if (total > MaxCells)
            {
                throw new ToolException($"The spec holds more than {MaxCells:N0} cells; write large data with a CSV or a data tool instead.");
            }

            result.Add(cells);
        }

        return result;
    }

    private static SpecCell? Cell(JsonElement value, string sheet, CellAddress address)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Number:
                return new SpecCell(value.GetDouble(), null, false);
            case JsonValueKind.True or JsonValueKind.False:
                return new SpecCell(value.GetBoolean(), null, false);
            case JsonValueKind.String:
                {
                    var text = value.GetString() ?? "";
                    if (text.StartsWith('=') && text.Length > 1)
                    {
                        return new SpecCell(null, text[1..], false);
                    }

                    if (text.StartsWith('\''))
                    {
                        return new SpecCell(text[1..], null, false);
                    }

                    if (IsoDate().IsMatch(text) && DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        return new SpecCell(SerialDate.From(date), null, true);
                    }

                    if (text.Length > 32_767)
                    {
                        throw new ToolException($"{sheet}!{address}: a cell holds at most 32,767 characters.");
                    }

                    return new SpecCell(text, null, false);
                }

            default:
                throw new ToolException($"{sheet}!{address}: a cell is a number, text, true/false, \"=formula\", \"YYYY-MM-DD\" or null, not {value.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }

    private static WorkbookCalculator Calculate(WorkbookSpec spec, List<Dictionary<CellAddress, SpecCell>> sheets)
    {
        var calculator = new WorkbookCalculator();
        try
        {
            foreach (var sheet in spec.Sheets)
            {
                calculator.AddSheet(sheet.Name);
            }

            foreach (var (name, target) in spec.Names ?? [])
            {
                if (!DefinedNameText().IsMatch(name) || CellAddress.TryParse(name, out _))
                {
                    throw new ToolException($"\"{name}\" cannot be a defined name: use letters, digits and _, starting with a letter, and not a cell address.");
                }

                var reference = Reference(target, spec.Sheets[0].Name, spec);
                calculator.DefineName(name, reference.Sheet, reference.Range);
            }

            for (var i = 0; i < spec.Sheets.Count; i++)
            {
                foreach (var (address, cell) in sheets[i])
                {
                    if (cell.Formula is null)
                    {
                        calculator.SetValue(spec.Sheets[i].Name, address, cell.Value);
                    }
                    else
                    {
                        calculator.SetFormula(spec.Sheets[i].Name, address, cell.Formula);
                    }
                }
            }

            calculator.CalculateAll();
        }
        catch (FormulaException ex)
        {
            throw new ToolException(ex.Message + " Nothing was written.");
        }

        var errors = new List<string>();
        for (var i = 0; i < spec.Sheets.Count; i++)
        {
            foreach (var (address, cell) in sheets[i].Where(c => c.Value.Formula is not null).OrderBy(c => c.Key.Row).ThenBy(c => c.Key.Column))
            {
                if (calculator.Result(spec.Sheets[i].Name, address) is FormulaError error)
                {
                    errors.Add($"{spec.Sheets[i].Name}!{address} (={cell.Formula}) is {error.Code}");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ToolException($"{errors.Count} formula(s) evaluate to errors: {string.Join("; ", errors.Take(5))}{(errors.Count > 5 ? "; …" : "")}. " +
                "Fix the inputs or references, or wrap the formula in IFERROR(…, fallback). Nothing was written.");
        }

        return calculator;
    }

    private static CellRange? WriteSheet(WorksheetPart part, SheetSpec spec, Dictionary<CellAddress, SpecCell> cells, WorkbookCalculator calculator,
        StyleBook styles, SharedStrings strings, bool first, ref uint tableId, WorkbookSummary summary)
    {
        var start = spec.Start is null ? new CellAddress(1, 1) : Address(spec.Start, spec.Name, "start");
        var formats = (spec.Formats ?? []).Select(f => (Range: Range(f.Range, spec.Name, "formats"), Format: f)).ToList();
        var headerRow = spec.Header && spec.Rows is { Count: > 1 } && spec.Rows[0].All(v => v.ValueKind == JsonValueKind.String) ? start.Row : (int?)null;
        // Printed (and rendered to PDF) landscape, fit to the page's width.
        var worksheet = new Worksheet(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        part.Worksheet = worksheet;

        // Sheet view: the first sheet is selected; freeze panes at the first scrolling cell.
        var view = new SheetView { WorkbookViewId = 0, TabSelected = first ? true : null };
        if (spec.Freeze is not null)
        {
            var at = Address(spec.Freeze, spec.Name, "freeze");
            if (at.Row > 1 || at.Column > 1)
            {
                var pane = at.Row > 1 && at.Column > 1 ? PaneValues.BottomRight : at.Row > 1 ? PaneValues.BottomLeft : PaneValues.TopRight;
                view.Append(new Pane
                {
                    HorizontalSplit = at.Column > 1 ? at.Column - 1 : null,
                    VerticalSplit = at.Row > 1 ? at.Row - 1 : null,
                    TopLeftCell = at.ToString(),
                    ActivePane = pane,
                    State = PaneStateValues.Frozen,
                });
                view.Append(new Selection { Pane = pane, ActiveCell = at.ToString(), SequenceOfReferences = new ListValue<StringValue>([new StringValue(at.ToString())]) });
            }
        }

        worksheet.Append(new SheetViews(view));
        worksheet.Append(new SheetFormatProperties { DefaultRowHeight = 15 });

        var styleOf = new Dictionary<CellAddress, CellStyle>();
        CellStyle StyleAt(CellAddress address, SpecCell? cell)
        {
            var style = new CellStyle();
            if (cell?.IsDate == true)
            {
                style = style with { NumberFormat = "date" };
            }

            if (address.Row == headerRow && cell is not null)
            {
                style = style with { Bold = true, Fill = HeaderFill, Border = "bottom" };
            }

            foreach (var (range, format) in formats)
            {
                if (range.Contains(address))
                {
                    style = style.With(format);
                }
            }

            return style;
        }

        // Every cell that holds something or a format over a bounded range.
        var addresses = new HashSet<CellAddress>(cells.Keys);
        foreach (var (range, _) in formats.Where(f => (long)f.Range.Rows * f.Range.Columns <= 20_000))
        {
            for (var r = range.First.Row; r <= range.Last.Row; r++)
            {
                for (var c = range.First.Column; c <= range.Last.Column; c++)
                {
                    addresses.Add(new CellAddress(r, c));
                }
            }
        }

        var widths = new Dictionary<int, double>();
        var data = new SheetData();
        foreach (var row in addresses.GroupBy(a => a.Row).OrderBy(g => g.Key))
        {
            var rowElement = new Row { RowIndex = (uint)row.Key };
            foreach (var address in row.OrderBy(a => a.Column))
            {
                cells.TryGetValue(address, out var cell);
                var style = StyleAt(address, cell);
                var element = new Cell { CellReference = address.ToString() };
                var index = styles.Index(style);
                if (index != 0)
                {
                    element.StyleIndex = index;
                }

                object? shown = cell?.Value;
                if (cell?.Formula is { } formula)
                {
                    shown = calculator.Result(spec.Name, address);
                    element.CellFormula = new CellFormula(StoredFormula(formula));
                    switch (shown)
                    {
                        case double d:
                            element.CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture));
                            break;
                        case string s:
                            element.DataType = CellValues.String;
                            element.CellValue = new CellValue(s);
                            break;
                        case bool b:
                            element.DataType = CellValues.Boolean;
                            element.CellValue = new CellValue(b ? "1" : "0");
                            break;
                    }

                    summary.Formulas++;
                }
                else
                {
                    switch (cell?.Value)
                    {
                        case double d:
                            element.CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture));
                            break;
                        case string s:
                            element.DataType = CellValues.SharedString;
                            element.CellValue = new CellValue(strings.Index(s).ToString(CultureInfo.InvariantCulture));
                            break;
                        case bool b:
                            element.DataType = CellValues.Boolean;
                            element.CellValue = new CellValue(b ? "1" : "0");
                            break;
                    }
                }

                if (cell is not null)
                {
                    summary.Cells++;
                    var width = ShownWidth(shown, style) * (style.Bold ? 1.1 : 1) * ((style.FontSize ?? 11) / 11);
                    widths[address.Column] = Math.Max(widths.GetValueOrDefault(address.Column), width);
                }

                rowElement.Append(element);
            }

            data.Append(rowElement);
        }

        foreach (var (letter, width) in spec.Widths ?? [])
        {
            var column = CellAddress.ColumnNumber(letter);
            if (column == 0 || width is <= 0 or > 255)
            {
                throw new ToolException($"Sheet {spec.Name}: widths take column letters and 1-255 characters (\"B\": 18), not \"{letter}\": {width}.");
            }

            widths[column] = width - 2;
        }

        if (widths.Count > 0)
        {
            worksheet.Append(new Columns(widths.OrderBy(w => w.Key).Select(w => new Column
            {
                Min = (uint)w.Key,
                Max = (uint)w.Key,
                Width = Math.Round(Math.Clamp(w.Value + 2, 6, 80), 2),
                CustomWidth = true,
            })));
        }

        worksheet.Append(data);

        CellRange? filter = null;
        if (spec.Autofilter is not null)
        {
            filter = Range(spec.Autofilter, spec.Name, "autofilter");
            worksheet.Append(new AutoFilter { Reference = filter.Value.ToString() });
        }

        if (spec.Merge is { Count: > 0 })
        {
            worksheet.Append(new MergeCells(spec.Merge.Select(m => new MergeCell { Reference = Range(m, spec.Name, "merge").ToString() })));
        }

        var priority = 1;
        foreach (var rule in spec.ConditionalFormats ?? [])
        {
            worksheet.Append(ConditionalFormats.Build(rule, Range(rule.Range, spec.Name, "conditional_formats"), styles, priority++));
            summary.ConditionalFormats++;
        }

        if (spec.Validations is { Count: > 0 })
        {
            var validations = new DataValidations();
            foreach (var validation in spec.Validations)
            {
                validations.Append(Validation(validation, spec.Name));
                summary.Validations++;
            }

            validations.Count = (uint)validations.ChildElements.Count;
            worksheet.Append(validations);
        }

        worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        worksheet.Append(new PageSetup { Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        if (spec.Charts is { Count: > 0 })
        {
            var lastColumn = cells.Count == 0 ? 0 : cells.Keys.Max(a => a.Column);
            ChartWriter.Add(part, spec.Name, spec.Charts, new CellAddress(start.Row, lastColumn + 2), calculator.Value);
            summary.Charts += spec.Charts.Count;
        }

        if (spec.Tables is { Count: > 0 })
        {
            var tableParts = new TableParts { Count = (uint)spec.Tables.Count };
            foreach (var table in spec.Tables)
            {
                var range = Range(table.Range, spec.Name, "tables");
                if (filter is { } f && f.Overlaps(range))
                {
                    throw new ToolException($"Sheet {spec.Name}: the table {table.Name} overlaps the autofilter {f}; a table has its own filter, so drop the autofilter.");
                }

                var tablePart = part.AddNewPart<TableDefinitionPart>();
                tablePart.Table = Table(table, range, cells, spec.Name, tableId++);
                tableParts.Append(new TablePart { Id = part.GetIdOfPart(tablePart) });
                summary.Tables++;
            }

            worksheet.Append(tableParts);
        }

        return filter;
    }

    private static Table Table(TableSpec spec, CellRange range, Dictionary<CellAddress, SpecCell> cells, string sheet, uint id)
    {
        if (!DefinedNameText().IsMatch(spec.Name) || CellAddress.TryParse(spec.Name, out _))
        {
            throw new ToolException($"\"{spec.Name}\" cannot be a table name: use letters, digits and _, starting with a letter (e.g. SalesTable).");
        }

        if (range.Rows < 2)
        {
            throw new ToolException($"The table {spec.Name} needs a header row and at least one data row.");
        }

        var headers = new List<string>();
        for (var c = range.First.Column; c <= range.Last.Column; c++)
        {
            var address = new CellAddress(range.First.Row, c);
            if (!cells.TryGetValue(address, out var cell) || cell.Value is not string { Length: > 0 } text || cell.Formula is not null)
            {
                throw new ToolException($"The table {spec.Name}'s header {sheet}!{address} must hold text (a column name).");
            }

            if (headers.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                throw new ToolException($"The table {spec.Name} has two columns named \"{text}\"; header names must differ.");
            }

            headers.Add(text);
        }

        return new Table(
            new AutoFilter { Reference = range.ToString() },
            new TableColumns(headers.Select((h, i) => new TableColumn { Id = (uint)(i + 1), Name = h })) { Count = (uint)headers.Count },
            new TableStyleInfo { Name = spec.Style ?? "TableStyleMedium2", ShowFirstColumn = false, ShowLastColumn = false, ShowRowStripes = true, ShowColumnStripes = false })
        {
            Id = id,
            Name = spec.Name,
            DisplayName = spec.Name,
            Reference = range.ToString(),
            TotalsRowShown = false,
        };
    }

    private static DataValidation Validation(ValidationSpec spec, string sheet)
    {
        var range = Range(spec.Range, sheet, "validations");
        string formula;
        if (spec.List is { Count: > 0 } list)
        {
            if (list.Any(item => item.Contains(',', StringComparison.Ordinal) || item.Contains('"', StringComparison.Ordinal)))
            {
                throw new ToolException("Validation list items cannot contain commas or quotes; put such choices in cells and use \"source\".");
            }

            formula = $"\"{string.Join(',', list)}\"";
            if (formula.Length > 255)
            {
                throw new ToolException("A validation list is at most 255 characters; put the choices in cells and use \"source\".");
            }
        }
        else if (spec.Source is not null)
        {
            formula = SheetReference.Parse(spec.Source, sheet).Absolute();
        }
        else
        {
            throw new ToolException($"The validation on {spec.Range} needs \"list\" (choices) or \"source\" (a range holding them).");
        }

        return new DataValidation(new Formula1(formula))
        {
            Type = DataValidationValues.List,
            AllowBlank = spec.AllowBlank,
            ShowInputMessage = true,
            ShowErrorMessage = true,
            ErrorTitle = "Not in the list",
            Error = "Choose a value from the list.",
            SequenceOfReferences = new ListValue<StringValue>([new StringValue(range.ToString())]),
        };
    }

    private static double ShownWidth(object? value, CellStyle style) => value switch
    {
        null => 0,
        string s => s.Split('\n').Max(l => l.Length),
        bool => 5,
        double d when style.NumberFormat is "date" => 10,
        double d when style.NumberFormat is "month" => 8,
        double d when style.NumberFormat is "datetime" => 16,
        double d when style.NumberFormat?.StartsWith("currency", StringComparison.OrdinalIgnoreCase) == true => d.ToString("N2", CultureInfo.InvariantCulture).Length + 3,
        double d when style.NumberFormat is "integer" => d.ToString("N0", CultureInfo.InvariantCulture).Length,
        double d when style.NumberFormat is "decimal" or "number" => d.ToString("N2", CultureInfo.InvariantCulture).Length,
        double d => Math.Min(FormulaEvaluator.FormatGeneral(d).Length, 12),
        _ => 8,
    };

    private static SheetReference Reference(string text, string defaultSheet, WorkbookSpec spec)
    {
        var reference = SheetReference.Parse(text, defaultSheet);
        var sheet = spec.Sheets.FirstOrDefault(s => s.Name.Equals(reference.Sheet, StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolException($"\"{text}\" refers to the sheet '{reference.Sheet}', which does not exist.");
        return reference with { Sheet = sheet.Name };
    }

    private static CellAddress Address(string text, string sheet, string field) =>
        CellAddress.TryParse(text, out var address) ? address : throw new ToolException($"Sheet {sheet}, {field}: \"{text}\" is not a cell like B2.");

    private static CellRange Range(string text, string sheet, string field) =>
        CellRange.TryParse(text, out var range) ? range : throw new ToolException($"Sheet {sheet}, {field}: \"{text}\" is not a range like A1:C9.");

    internal static void CheckSheetName(string name)
    {
        if (name.Length is 0 or > 31 || name.AsSpan().IndexOfAny("[]:*?/\\") >= 0 || name.StartsWith('\'') || name.EndsWith('\''))
        {
            throw new ToolException($"\"{name}\" cannot be a sheet name: 1 to 31 characters, none of [ ] : * ? / \\, not starting or ending with '.");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex DefinedNameText();
}
