namespace Cowork.Documents;

/// <summary>One cell for <see cref="StreamingWorkbookWriter"/>: a number, a text, or a formula (its cached value is computed).</summary>
public readonly struct StreamingCell
{
    private StreamingCell(double number, string? text, string? formula)
    {
        Number = number;
        Text = text;
        Formula = formula;
    }

    public double Number { get; }

    public string? Text { get; }

    public string? Formula { get; }

    public static StreamingCell Of(double number) => new(number, null, null);

    public static StreamingCell Of(string text) => new(0, text, null);

    /// <summary>A formula (with or without '=') over cells of its own row.</summary>
    public static StreamingCell FormulaOf(string formula) => new(0, null, formula.StartsWith('=') ? formula[1..] : formula);
}
