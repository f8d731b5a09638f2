namespace Cowork.Documents;

/// <summary>A parsed formula: the syntax tree the evaluator walks.</summary>
internal abstract record FormulaNode
{
    public sealed record Number(double Value) : FormulaNode;

    public sealed record Text(string Value) : FormulaNode;

    public sealed record Logical(bool Value) : FormulaNode;

    public sealed record Error(FormulaError Value) : FormulaNode;

    /// <summary>A cell or range, on <paramref name="Sheet"/> or (null) the formula's own sheet.</summary>
    public sealed record Reference(string? Sheet, CellRange Range) : FormulaNode;

    /// <summary>A defined name (named range).</summary>
    public sealed record Name(string Value) : FormulaNode;

    public sealed record Call(string Function, IReadOnlyList<FormulaNode> Arguments) : FormulaNode;

    public sealed record Unary(char Operator, FormulaNode Operand) : FormulaNode;

    public sealed record Percent(FormulaNode Operand) : FormulaNode;

    public sealed record Binary(string Operator, FormulaNode Left, FormulaNode Right) : FormulaNode;

    /// <summary>An omitted argument, as in IF(A1,,2).</summary>
    public sealed record Missing : FormulaNode;
}
