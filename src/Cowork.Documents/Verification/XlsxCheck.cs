using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Cowork.Documents;

/// <summary>
/// The .xlsx checks: the Open XML validator; what it misses (cell references in their rows, formulas without cached
/// values or referring to missing sheets, error values, fullCalcOnLoad); and a LibreOffice recalculation of a copy
/// with zero errors and every cached value equal to LibreOffice's.
/// </summary>
internal sealed class XlsxCheck : IDocumentCheck
{
    private const int MaxListed = 10;

    public IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.Ordinal) { ".xlsx", ".xlsm" };

    public async Task CheckAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        Dictionary<(string, CellAddress), XlsxCell> formulas;
        using (var stream = File.OpenRead(context.Copy))
        {
            XlsxReader reader;
            try
            {
                reader = XlsxReader.Open(stream, context.ShownPath);
            }
            catch (ToolException ex)
            {
                context.Find(FindingSeverity.Error, "Open", ex.Message);
                return;
            }

            using (reader)
            {
                Validate(reader, context);
                formulas = Structure(reader, context);
            }
        }

        await RecalculateAsync(context, formulas, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compares <paramref name="formulas"/> (cached values) with LibreOffice's recalculation of <paramref name="recalculated"/>.</summary>
    public static (int Compared, List<string> Errors, List<string> Mismatches) Compare(Dictionary<(string, CellAddress), XlsxCell> formulas, string recalculated)
    {
        var errors = new List<string>();
        var mismatches = new List<string>();
        var compared = 0;
        using var stream = File.OpenRead(recalculated);
        using var reader = XlsxReader.Open(stream, Path.GetFileName(recalculated));
        var seen = new HashSet<(string, CellAddress)>();
        foreach (var sheet in reader.Sheets)
        {
            foreach (var cell in reader.Cells(sheet))
            {
                var key = (sheet, cell.Address);
                if (cell.Value is FormulaError error)
                {
                    errors.Add($"{sheet}!{cell.Reference} is {error.Code}");
                }

                if (formulas.TryGetValue(key, out var original))
                {
                    seen.Add(key);
                    compared++;
                    if (!SameValue(original.Value, cell.Value))
                    {
                        mismatches.Add($"{sheet}!{cell.Reference} (={original.Formula}): cached {Show(original.Value)}, LibreOffice {Show(cell.Value)}");
                    }
                }
            }
        }

        foreach (var (key, original) in formulas.Where(f => !seen.Contains(f.Key)))
        {
            // LibreOffice writes no cell for a formula whose result is empty text.
            compared++;
            if (original.Value is not (null or ""))
            {
                mismatches.Add($"{key.Item1}!{original.Reference} (={original.Formula}): cached {Show(original.Value)}, LibreOffice (empty)");
            }
        }

        return (compared, errors, mismatches);
    }

    private static void Validate(XlsxReader reader, VerificationContext context)
    {
        var validator = new OpenXmlValidator(FileFormatVersions.Office2016);
        var errors = validator.Validate(reader.Document).Take(200).ToList();
        if (errors.Count == 0)
        {
            context.Pass("Open XML validator", "0 errors");
            return;
        }

        foreach (var error in errors.Take(MaxListed))
        {
            context.Find(FindingSeverity.Error, "Open XML validator", $"{error.Part?.Uri} {error.Path?.XPath}: {error.Description}");
        }

        if (errors.Count > MaxListed)
        {
            context.Find(FindingSeverity.Error, "Open XML validator", $"{errors.Count - MaxListed}{(errors.Count == 200 ? "+" : "")} more errors");
        }
    }

    private static Dictionary<(string, CellAddress), XlsxCell> Structure(XlsxReader reader, VerificationContext context)
    {
        var formulas = new Dictionary<(string, CellAddress), XlsxCell>();
        var problems = new List<string>();
        var sheets = new HashSet<string>(reader.Sheets, StringComparer.OrdinalIgnoreCase);
        var cells = 0;
        foreach (var sheet in reader.Sheets)
        {
            if (reader.Part(sheet) is not { } part)
            {
                problems.Add($"the sheet {sheet} has no worksheet part");
                continue;
            }

            // Row and cell order: a cell's reference must name its own row, in increasing order.
            using (var xml = OpenXmlReader.Create(part))
            {
                var lastRow = 0u;
                var lastColumn = 0;
                var row = 0u;
                while (xml.Read())
                {
                    if (!xml.IsStartElement)
                    {
                        continue;
                    }

                    if (xml.ElementType == typeof(Row))
                    {
                        var index = xml.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                        row = uint.TryParse(index, out var r) ? r : lastRow + 1;
                        if (row <= lastRow)
                        {
                            problems.Add($"{sheet}: row {row} comes after row {lastRow}");
                        }

                        lastRow = row;
                        lastColumn = 0;
                    }
                    else if (xml.ElementType == typeof(Cell))
                    {
                        cells++;
                        var reference = xml.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                        if (reference is null)
                        {
                            lastColumn++;
                            continue;
                        }

                        if (!CellAddress.TryParse(reference, out var address))
                        {
                            problems.Add($"{sheet}: \"{reference}\" is not a cell reference");
                        }
                        else if (address.Row != row)
                        {
                            problems.Add($"{sheet}!{reference} is stored in row {row}");
                        }
                        else if (address.Column <= lastColumn)
                        {
                            problems.Add($"{sheet}!{reference} is out of order in its row");
                        }
                        else
                        {
                            lastColumn = address.Column;
                        }
                    }
                }
            }

            foreach (var cell in reader.Cells(sheet))
            {
                if (cell.Value is FormulaError error)
                {
                    problems.Add($"{sheet}!{cell.Reference} holds the error {error.Code}");
                }

                if (cell.Formula is null)
                {
                    continue;
                }

                formulas[(sheet, cell.Address)] = cell;
                if (cell.Value is null)
                {
                    problems.Add($"{sheet}!{cell.Reference} (={cell.Formula}) has no cached value; viewers that do not recalculate show it empty");
                }

                try
                {
                    foreach (var token in FormulaTokenizer.Tokenize(cell.Formula).Where(t => t.Sheet is not null && !sheets.Contains(t.Sheet)))
                    {
                        problems.Add($"{sheet}!{cell.Reference} (={cell.Formula}) refers to the sheet '{token.Sheet}', which does not exist");
                    }
                }
                catch (FormulaException)
                {
                    // Syntax this tokenizer does not know (structured references, array constants): LibreOffice judges it.
                }
            }
        }

        foreach (var (name, text) in reader.DefinedNames.Where(d => !d.Name.StartsWith("_xlnm.", StringComparison.Ordinal)))
        {
            if (text.Contains("#REF!", StringComparison.Ordinal))
            {
                problems.Add($"the defined name {name} is broken ({text})");
            }
        }

        foreach (var problem in problems.Take(MaxListed))
        {
            context.Find(FindingSeverity.Error, "Structure", problem);
        }

        if (problems.Count > MaxListed)
        {
            context.Find(FindingSeverity.Error, "Structure", $"{problems.Count - MaxListed} more problems");
        }

        if (!reader.FullCalcOnLoad && formulas.Count > 0)
        {
            context.Find(FindingSeverity.Warning, "Structure", "fullCalcOnLoad is not set: Excel may show the cached values without recalculating");
        }

        if (problems.Count == 0)
        {
            context.Pass("Structure", $"{reader.Sheets.Count} sheet(s), {cells} cells in order, {formulas.Count} formulas all with cached values{(reader.FullCalcOnLoad ? ", fullCalcOnLoad set" : "")}");
        }

        return formulas;
    }

    private static async Task RecalculateAsync(VerificationContext context, Dictionary<(string, CellAddress), XlsxCell> formulas, CancellationToken cancellationToken)
    {
        if (formulas.Count == 0)
        {
            return;
        }

        if (context.LibreOffice is null)
        {
            context.Notice("Not recalculated: LibreOffice is not installed (Debian: apt-get install libreoffice-calc); the cached values are the built-in evaluator's.");
            return;
        }

        string output;
        try
        {
            output = (await context.LibreOffice.ConvertAsync([context.Copy], "xlsx", Path.Combine(context.Scratch, "recalculated"), context.Timeout, cancellationToken).ConfigureAwait(false))[0];
        }
        catch (LibreOfficeException ex)
        {
            context.Find(FindingSeverity.Error, "LibreOffice recalculation", ex.Message);
            return;
        }

        var (compared, errors, mismatches) = Compare(formulas, output);
        foreach (var error in errors.Take(MaxListed))
        {
            context.Find(FindingSeverity.Error, "LibreOffice recalculation", error);
        }

        foreach (var mismatch in mismatches.Take(MaxListed))
        {
            context.Find(FindingSeverity.Error, "LibreOffice recalculation", mismatch);
        }

        if (errors.Count + mismatches.Count > 2 * MaxListed)
        {
            context.Find(FindingSeverity.Error, "LibreOffice recalculation", $"{errors.Count} errors and {mismatches.Count} differences in all");
        }

        if (errors.Count == 0 && mismatches.Count == 0)
        {
            context.Pass("LibreOffice recalculation", $"{compared} formulas recalculated, 0 errors, every cached value equal to LibreOffice's");
        }
    }

    internal static bool SameValue(object? cached, object? recalculated) => (cached, recalculated) switch
    {
        (double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)),
        (bool a, bool b) => a == b,
        (bool a, double b) => (a ? 1 : 0) == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (null or "", null or "") => true,
        (FormulaError a, FormulaError b) => a.Code == b.Code,
        _ => false,
    };

    private static string Show(object? value) => value switch
    {
        null => "(empty)",
        string s => $"\"{s}\"",
        double d => FormulaEvaluator.FormatGeneral(d),
        _ => value.ToString() ?? "",
    };
}
