namespace Cowork.Documents;

/// <summary>One token of a formula; for a reference, <see cref="Sheet"/> holds its sheet (or null).</summary>
internal readonly record struct FormulaToken(FormulaTokenKind Kind, string Text, int Position, string? Sheet = null);
