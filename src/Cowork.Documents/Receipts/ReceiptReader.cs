using System.Globalization;
using System.Text;
using Microsoft.VisualBasic.FileIO;
using UglyToad.PdfPig;

namespace Cowork.Documents;

/// <summary>
/// Reads the receipts in a folder: text files, CSV exports (a receipt per row), PDFs (their text, or OCR when
/// scanned) and images (OCR with tesseract). Other files (the report itself, notes in other formats) are skipped.
/// </summary>
internal static class ReceiptReader
{
    private static readonly HashSet<string> TextKinds = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".text", ".md" };
    private static readonly HashSet<string> ImageKinds = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp" };
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static bool IsReceipt(string name) =>
        !name.StartsWith('.') && (TextKinds.Contains(Path.GetExtension(name)) || ImageKinds.Contains(Path.GetExtension(name))
            || Path.GetExtension(name).Equals(".pdf", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(name).Equals(".csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads each file; <paramref name="open"/> gives a file's bytes by name.</summary>
    public static async Task<ReceiptBatch> ReadAsync(IEnumerable<string> names, Func<string, byte[]> open, CancellationToken cancellationToken)
    {
        var receipts = new List<Receipt>();
        var unreadable = new List<UnreadableReceipt>();
        foreach (var name in names.Where(IsReceipt).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = open(name);
            var extension = Path.GetExtension(name);
            if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            {
                ReadCsv(name, bytes, receipts, unreadable);
                continue;
            }

            string text;
            try
            {
                text = TextKinds.Contains(extension) ? Encoding.UTF8.GetString(bytes)
                    : extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase) ? await PdfTextAsync(bytes, cancellationToken).ConfigureAwait(false)
                    : await OcrAsync(bytes, extension, cancellationToken).ConfigureAwait(false);
            }
            catch (LibreOfficeException ex)
            {
                unreadable.Add(new UnreadableReceipt(name, ex.Message));
                continue;
            }

            var (receipt, problem) = ReceiptParser.Parse(name, text);
            if (receipt is null)
            {
                unreadable.Add(new UnreadableReceipt(name, problem!));
            }
            else
            {
                receipts.Add(receipt);
            }
        }

        return new ReceiptBatch(receipts.OrderBy(r => r.Date).ThenBy(r => r.File, StringComparer.Ordinal).ToList(), unreadable);
    }

    private static void ReadCsv(string name, byte[] bytes, List<Receipt> receipts, List<UnreadableReceipt> unreadable)
    {
        using var parser = new TextFieldParser(new MemoryStream(bytes), Encoding.UTF8) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        var firstLine = Encoding.UTF8.GetString(bytes).Split('\n')[0];
        parser.SetDelimiters(firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ";" : ",");
        if (parser.ReadFields() is not { } header)
        {
            unreadable.Add(new UnreadableReceipt(name, "empty CSV"));
            return;
        }

        int Column(params string[] names) => Array.FindIndex(header, h => names.Any(n => h.Trim().Equals(n, StringComparison.OrdinalIgnoreCase)));
        var date = Column("date", "transaction date", "booking date");
        var merchant = Column("merchant", "description", "vendor", "payee", "shop", "store");
        var amount = Column("amount", "total", "value");
        var currency = Column("currency", "ccy");
        var category = Column("category");
        if (date < 0 || merchant < 0 || amount < 0)
        {
            unreadable.Add(new UnreadableReceipt(name, "a CSV of receipts needs date, merchant (or description) and amount columns"));
            return;
        }

        var row = 1;
        while (!parser.EndOfData)
        {
            string[] fields;
            try
            {
                fields = parser.ReadFields() ?? [];
            }
            catch (MalformedLineException)
            {
                unreadable.Add(new UnreadableReceipt($"{name} row {++row}", "malformed CSV line"));
                continue;
            }

            row++;
            string Field(int i) => i >= 0 && i < fields.Length ? fields[i].Trim() : "";
            var where = $"{name} row {row}";
            var amountText = Field(amount).TrimStart('€', '$', '£').Trim();
            var parsedDate = ReceiptParser.FindDate(Field(date));
            var parsedAmount = decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : ReceiptParser.ParseAmount(amountText);
            var currencyText = Field(currency).ToUpperInvariant();
            var merchantText = Field(merchant);
            var problem = parsedDate is null ? "no date" : parsedAmount is null ? "no amount" : currencyText.Length == 0 ? "no currency" : merchantText.Length == 0 ? "no merchant" : null;
            if (problem is not null)
            {
                unreadable.Add(new UnreadableReceipt(where, problem));
                continue;
            }

            var given = Field(category);
            receipts.Add(new Receipt(where, parsedDate!.Value, merchantText, given.Length == 0 ? ReceiptParser.Category(merchantText) : given, parsedAmount!.Value, currencyText));
        }
    }

    private static async Task<string> PdfTextAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            text = string.Join('\n', pdf.GetPages().Take(5).Select(p => string.Join('\n', p.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom)).OrderByDescending(g => g.Key)
                .Select(g => string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))))));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new LibreOfficeException("the PDF cannot be read (damaged or encrypted)");
        }

        if (text.Count(char.IsLetter) >= 10)
        {
            return text;
        }

        // A scanned PDF: render its first page and OCR it.
        if (ExternalProgram.Find("pdftoppm") is not { } pdftoppm)
        {
            throw new LibreOfficeException("a scanned PDF needs pdftoppm (poppler-utils) and tesseract to be read");
        }

        var folder = Directory.CreateTempSubdirectory("cowork-receipt-").FullName;
        try
        {
            var input = Path.Combine(folder, "receipt.pdf");
            await File.WriteAllBytesAsync(input, bytes, cancellationToken).ConfigureAwait(false);
            await ExternalProgram.OutputAsync(pdftoppm, ["-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", input, Path.Combine(folder, "page")], Timeout, cancellationToken).ConfigureAwait(false);
            return await OcrAsync(await File.ReadAllBytesAsync(Path.Combine(folder, "page.png"), cancellationToken).ConfigureAwait(false), ".png", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> OcrAsync(byte[] bytes, string extension, CancellationToken cancellationToken)
    {
        if (ExternalProgram.Find("tesseract") is not { } tesseract)
        {
            throw new LibreOfficeException("an image receipt needs OCR, and tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)");
        }

        var folder = Directory.CreateTempSubdirectory("cowork-ocr-").FullName;
        try
        {
            var input = Path.Combine(folder, "receipt" + extension);
            await File.WriteAllBytesAsync(input, bytes, cancellationToken).ConfigureAwait(false);
            return await ExternalProgram.OutputAsync(tesseract, [input, "stdout", "-l", "eng"], Timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
