using System.ComponentModel;
using System.Globalization;
using System.Text;
using Cowork.Files;

namespace Cowork.Documents;

/// <summary>The workbook tools (create, read), verification, and the receipts job; every path through the task's workspace.</summary>
internal sealed class SpreadsheetTools(Workspace workspace, EventPublisher events, string dataDirectory)
{
    private const int MaxReadCells = 2000;

    private FileChanges Changes => workspace.Changes ?? throw new ToolException("This task cannot change files.");

    public string CreateWorkbook(
        [Description("The .xlsx file to write.")] string path,
        [Description("The workbook spec, as JSON.")] string spec,
        [Description("Replace an existing file.")] bool overwrite = false)
    {
        var file = ResolveXlsx(path, forWriting: true);
        var (bytes, summary) = WorkbookWriter.Write(WorkbookSpec.Parse(spec));
        Changes.Write(file, bytes, overwrite);
        events.Publish(new DeliverableAdded(file.FullPath, $"Workbook: {summary}"));
        return $"Wrote {file.FullPath}: {summary}, fullCalcOnLoad set. Run {ToolNames.VerifyDocument} on it before you report it done.";
    }

    public string ReadWorkbook(
        [Description("The .xlsx file to read.")] string path,
        [Description("Only this sheet (all sheets when omitted).")] string? sheet = null,
        [Description("Only this range, e.g. A1:F40.")] string? range = null,
        [Description($"Most cells to show, up to 2000.")] int max_cells = 400)
    {
        var file = ResolveXlsx(path, forWriting: false);
        var limit = Math.Clamp(max_cells, 1, MaxReadCells);
        CellRange? only = range is null ? null : CellRange.TryParse(range, out var r) ? r : throw new ToolException($"\"{range}\" is not a range like A1:F40.");
        using var stream = new MemoryStream(ReadBytes(file));
        using var reader = XlsxReader.Open(stream, file.FullPath);
        if (sheet is not null && !reader.Sheets.Contains(sheet, StringComparer.OrdinalIgnoreCase))
        {
            throw new ToolException($"{file.FullPath} has no sheet \"{sheet}\"; its sheets: {string.Join(", ", reader.Sheets)}.");
        }

        var text = new StringBuilder($"{file.FullPath}: {reader.Sheets.Count} sheet(s): {string.Join(", ", reader.Sheets)}\n");
        foreach (var (name, target) in reader.DefinedNames.Where(d => !d.Name.StartsWith("_xlnm.", StringComparison.Ordinal)))
        {
            text.Append(CultureInfo.InvariantCulture, $"Name {name} = {target}\n");
        }

        var shown = 0;
        foreach (var name in reader.Sheets.Where(s => sheet is null || s.Equals(sheet, StringComparison.OrdinalIgnoreCase)))
        {
            var count = 0;
            var formulas = 0;
            CellAddress? first = null;
            var last = new CellAddress(0, 0);
            var lines = new StringBuilder();
            foreach (var cell in reader.Cells(name))
            {
                if (cell.Value is null && cell.Formula is null)
                {
                    continue;
                }

                count++;
                formulas += cell.Formula is null ? 0 : 1;
                first ??= cell.Address;
                first = new CellAddress(Math.Min(first.Value.Row, cell.Address.Row), Math.Min(first.Value.Column, cell.Address.Column));
                last = new CellAddress(Math.Max(last.Row, cell.Address.Row), Math.Max(last.Column, cell.Address.Column));
                if (shown < limit && (only is null || only.Value.Contains(cell.Address)))
                {
                    shown++;
                    lines.Append(CultureInfo.InvariantCulture, $"  {cell.Reference} = {Show(cell.Value)}{(cell.Formula is null ? "" : $"   [={cell.Formula}]")}\n");
                }
            }

            text.Append(CultureInfo.InvariantCulture, $"\nSheet {name}: used range {(first is null ? "(empty)" : $"{first}:{last}")}, {count} cells, {formulas} formulas\n");
            text.Append(lines);
        }

        if (shown >= limit)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n(first {limit} cells shown; pass sheet and range for more)");
        }

        return text.ToString().TrimEnd();
    }

    public async Task<string> VerifyDocument(
        [Description("The deliverable to verify (.xlsx, .docx, .pptx or .pdf).")] string path,
        [Description("Also render it to PDF and PNG thumbnails.")] bool render = true,
        CancellationToken cancellationToken = default)
    {
        var file = workspace.Resolve(path);
        var verifier = new DocumentVerifier(DocumentVerifier.DefaultChecks, LibreOffice.Find());
        if (!verifier.Handles(Path.GetExtension(file.FullPath)))
        {
            throw new ToolException($"{file.FullPath}: verify_document checks .xlsx, .docx, .pptx and .pdf files{(Path.GetExtension(file.FullPath).Length > 0 ? $", not {Path.GetExtension(file.FullPath)}" : "")}.");
        }

        var context = await verifier.VerifyAsync(file.FullPath, ReadBytes(file), Path.Combine(dataDirectory, "verification"), render, cancellationToken).ConfigureAwait(false);
        return DocumentVerifier.Report(context);
    }

    public async Task<string> ExtractReceipts(
        [Description("The folder holding the receipts (PDF, images, text, CSV).")] string path,
        CancellationToken cancellationToken = default)
    {
        var folder = workspace.Resolve(path);
        var batch = await ReadReceiptsAsync(folder, cancellationToken).ConfigureAwait(false);
        return Describe(batch, folder.FullPath);
    }

    public async Task<string> MakeExpenseReport(
        [Description("The folder holding the receipts.")] string path,
        [Description("The workbook's name, in that folder.")] string output = "Expense report.xlsx",
        [Description("Amounts at or above this are highlighted.")] double large_amount = 100,
        [Description("Replace an existing report.")] bool overwrite = false,
        [Description("Only read the receipts and say what the report would hold; write nothing.")] bool dry_run = false,
        CancellationToken cancellationToken = default)
    {
        var folder = workspace.Resolve(path);
        var target = ResolveXlsx(Path.Combine(folder.FullPath, output), forWriting: !dry_run);
        var batch = await ReadReceiptsAsync(folder, cancellationToken).ConfigureAwait(false);
        var described = Describe(batch, folder.FullPath);
        if (dry_run)
        {
            return $"{batch.Receipts.Count} receipts would go into {target.FullPath} (Summary by category and month, Receipts, Categories{(batch.Unreadable.Count > 0 ? ", Needs review" : "")}).\n{described}";
        }

        var (bytes, summary) = WorkbookWriter.Write(ExpenseReport.Build(batch, (decimal)large_amount));
        Changes.Write(target, bytes, overwrite);
        events.Publish(new DeliverableAdded(target.FullPath, $"Expense report: {batch.Receipts.Count} receipts, {Totals(batch)}"));
        return $"Wrote {target.FullPath}: {summary}.\n{described}\nRun {ToolNames.VerifyDocument} on it before you report it done.";
    }

    private async Task<ReceiptBatch> ReadReceiptsAsync(ResolvedPath folder, CancellationToken cancellationToken)
    {
        var root = workspace.Root(folder);
        var status = root.Stat(folder.Path) ?? throw new ToolException($"{folder.FullPath} does not exist.");
        if (status.Kind != EntryKind.Directory)
        {
            throw new ToolException($"{folder.FullPath} is not a folder; give the folder that holds the receipts.");
        }

        var files = root.List(folder.Path).Where(e => e.Status.Kind == EntryKind.File).ToDictionary(e => e.Path.Name, e => e.Path, StringComparer.Ordinal);
        return await ReceiptReader.ReadAsync(files.Keys, name => ReadBytes(folder.With(files[name])), cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(ReceiptBatch batch, string folder)
    {
        var text = new StringBuilder($"Read {batch.Receipts.Count} receipts in {folder}; {batch.Unreadable.Count} need review. Totals: {Totals(batch)}.\n");
        foreach (var r in batch.Receipts)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {r.Date:yyyy-MM-dd}  {r.Merchant}  [{r.Category}]  {r.Amount:0.00} {r.Currency}  ({r.File})\n");
        }

        foreach (var u in batch.Unreadable)
        {
            text.Append(CultureInfo.InvariantCulture, $"  REVIEW {u.File}: {u.Reason}\n");
        }

        return text.ToString().TrimEnd();
    }

    private static string Totals(ReceiptBatch batch) =>
        batch.Receipts.Count == 0 ? "none" : string.Join(", ", batch.TotalsByCurrency.Select(t => $"{t.Value.ToString("0.00", CultureInfo.InvariantCulture)} {t.Key}"));

    private ResolvedPath ResolveXlsx(string path, bool forWriting)
    {
        var file = workspace.Resolve(path, forWriting);
        return Path.GetExtension(file.FullPath).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? file : throw new ToolException($"{file.FullPath}: workbooks are .xlsx files; name it …xlsx.");
    }

    private byte[] ReadBytes(ResolvedPath file)
    {
        var root = workspace.Root(file);
        var status = root.Stat(file.Path) ?? throw new ToolException($"{file.FullPath} does not exist.");
        if (status.Kind != EntryKind.File)
        {
            throw new ToolException($"{file.FullPath} is not a file.");
        }

        if (status.Size > 200_000_000)
        {
            throw new ToolException($"{file.FullPath} is larger than 200 MB; Cowork does not read it whole.");
        }

        using var stream = root.OpenRead(file.Path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Show(object? value) => value switch
    {
        null => "(empty)",
        string s => $"\"{(s.Length > 200 ? s[..200] + "…" : s)}\"",
        double d => FormulaEvaluator.FormatGeneral(d),
        bool b => b ? "TRUE" : "FALSE",
        FormulaError e => e.Code,
        _ => value.ToString() ?? "",
    };
}
