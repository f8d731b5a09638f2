namespace Cowork.Documents;

/// <summary>One expense read from a receipt: what the workbook's Receipts sheet holds.</summary>
internal sealed record Receipt(string File, DateOnly Date, string Merchant, string Category, decimal Amount, string Currency);
