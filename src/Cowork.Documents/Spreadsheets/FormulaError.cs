namespace Cowork.Documents;

/// <summary>A spreadsheet error value (#DIV/0!, #N/A, …): a value that propagates, not an exception.</summary>
internal sealed record FormulaError(string Code)
{
    public static readonly FormulaError Div0 = new("#DIV/0!");
    public static readonly FormulaError NA = new("#N/A");
    public static readonly FormulaError Ref = new("#REF!");
    public static readonly FormulaError Name = new("#NAME?");
    public static readonly FormulaError Value = new("#VALUE!");
    public static readonly FormulaError Num = new("#NUM!");
    public static readonly FormulaError Null = new("#NULL!");

    public static readonly IReadOnlyList<FormulaError> All = [Div0, NA, Ref, Name, Value, Num, Null];

    public static FormulaError? FromCode(string code) => All.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Code;
}
