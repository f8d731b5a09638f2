namespace Cowork.Documents;

/// <summary>A receipt Cowork could not read reliably: listed for review, never guessed.</summary>
internal sealed record UnreadableReceipt(string File, string Reason);
