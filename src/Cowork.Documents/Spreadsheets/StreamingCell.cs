namespace Cowork.Documents;

/// <summary>
/// One cell for <see cref="StreamingWorkbookWriter"/>: blank, a number, a text, a formula over its own row (its cached
/// value is computed), or a formula over other sheets with the value its writer computed (verification recalculates it).
/// </summary>
public readonly struct StreamingCell
{
    private StreamingCell(double number, string? text, string? formula, object? computed, bool blank)
    {
        Number = number;
        Text = text;
        Formula = formula;
        Computed = computed;
        IsBlank = blank;
    }

    public double Number { get; }

    public string? Text { get; }

    public string? Formula { get; }

    /// <summary>For a formula over other sheets: its value (double, string or bool), as the writer's caller computed it.</summary>
    public object? Computed { get; }

    public bool IsBlank { get; }

    public static StreamingCell Blank => new(0, null, null, null, blank: true);

    public static StreamingCell Of(double number) => new(number, null, null, null, blank: false);

    public static StreamingCell Of(string text) => new(0, text, null, null, blank: false);

    /// <summary>A formula (with or without '=') over cells of its own row.</summary>
    public static StreamingCell FormulaOf(string formula) => new(0, null, Bare(formula), null, blank: false);

    /// <summary>
    /// A formula that may refer anywhere (other sheets, whole columns), with its value already known to the caller, for
    /// instance an aggregate of the rows it streamed: the value is stored as the cached result and the formula is only
    /// checked to parse, so a wrong value shows when verification recalculates the workbook.
    /// </summary>
    public static StreamingCell FormulaOf(string formula, object value) => value is double or string or bool
        ? new(0, null, Bare(formula), value, blank: false)
        : throw new ArgumentException("A formula's value is a double, a string or a bool.", nameof(value));

    private static string Bare(string formula) => formula.StartsWith('=') ? formula[1..] : formula;
}
