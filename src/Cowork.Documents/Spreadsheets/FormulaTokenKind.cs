namespace Cowork.Documents;

internal enum FormulaTokenKind
{
    Number,
    Text,
    Logical,
    Error,
    Reference,
    Name,
    Function,
    Operator,
    OpenParen,
    CloseParen,
    Comma,
    End,
}
