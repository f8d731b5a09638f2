namespace Cowork.Documents;

/// <summary>What a folder of receipts gave: the expenses read and the files to review.</summary>
internal sealed record ReceiptBatch(IReadOnlyList<Receipt> Receipts, IReadOnlyList<UnreadableReceipt> Unreadable)
{
    public IReadOnlyDictionary<string, decimal> TotalsByCurrency =>
        Receipts.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
}
