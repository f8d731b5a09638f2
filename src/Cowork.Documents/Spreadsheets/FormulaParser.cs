using System.Globalization;

namespace Cowork.Documents;

/// <summary>Parses a formula to a <see cref="FormulaNode"/> tree by precedence climbing.</summary>
/// <remarks>
/// Precedence, lowest first: comparison, &amp;, + -, * /, ^, unary minus, percent (as in Excel, where -2^2 is 4).
/// </remarks>
internal sealed class FormulaParser
{
    private readonly string _formula;
    private readonly List<FormulaToken> _tokens;
    private int _next;

    private FormulaParser(string formula)
    {
        _formula = formula;
        _tokens = FormulaTokenizer.Tokenize(formula);
    }

    /// <summary>Parses <paramref name="formula"/>, with or without its leading '='.</summary>
    public static FormulaNode Parse(string formula)
    {
        var text = formula.StartsWith('=') ? formula[1..] : formula;
        var parser = new FormulaParser(text);
        var node = parser.Expression(0);
        var end = parser.Peek;
        return end.Kind == FormulaTokenKind.End ? node : throw FormulaTokenizer.Error(text, end.Position, $"unexpected \"{end.Text}\"");
    }

    private FormulaToken Peek => _tokens[_next];

    private static int Precedence(string op) => op switch
    {
        "=" or "<>" or "<" or ">" or "<=" or ">=" => 1,
        "&" => 2,
        "+" or "-" => 3,
        "*" or "/" => 4,
        "^" => 5,
        _ => -1,
    };

    private FormulaNode Expression(int minimum)
    {
        var left = Prefix();
        while (Peek.Kind == FormulaTokenKind.Operator && Peek.Text != "%")
        {
            var op = Peek.Text;
            var precedence = Precedence(op);
            if (precedence < minimum || precedence < 0)
            {
                break;
            }

            _next++;
            // Every binary operator is left-associative in Excel, ^ included (2^3^2 is 64).
            var right = Expression(precedence + 1);
            left = new FormulaNode.Binary(op, left, right);
        }

        return left;
    }

    private FormulaNode Prefix()
    {
        if (Peek is { Kind: FormulaTokenKind.Operator, Text: "-" or "+" })
        {
            var op = Peek.Text[0];
            _next++;
            var operand = Prefix();
            return op == '-' ? new FormulaNode.Unary('-', operand) : operand;
        }

        var node = Primary();
        while (Peek is { Kind: FormulaTokenKind.Operator, Text: "%" })
        {
            _next++;
            node = new FormulaNode.Percent(node);
        }

        return node;
    }

    private FormulaNode Primary()
    {
        var token = Peek;
        _next++;
        switch (token.Kind)
        {
            case FormulaTokenKind.Number:
                return double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? new FormulaNode.Number(number)
                    : throw FormulaTokenizer.Error(_formula, token.Position, $"\"{token.Text}\" is not a number");
            case FormulaTokenKind.Text:
                return new FormulaNode.Text(token.Text);
            case FormulaTokenKind.Logical:
                return new FormulaNode.Logical(token.Text == "TRUE");
            case FormulaTokenKind.Error:
                return new FormulaNode.Error(FormulaError.FromCode(token.Text)!);
            case FormulaTokenKind.Reference:
                return new FormulaNode.Reference(token.Sheet, CellRange.Parse(token.Text));
            case FormulaTokenKind.Name:
                return new FormulaNode.Name(token.Text);
            case FormulaTokenKind.Function:
                return Call(token);
            case FormulaTokenKind.OpenParen:
                {
                    var inner = Expression(0);
                    Expect(FormulaTokenKind.CloseParen, "a closing parenthesis");
                    return inner;
                }

            default:
                throw FormulaTokenizer.Error(_formula, token.Position, token.Kind == FormulaTokenKind.End ? "the formula ends too early" : $"unexpected \"{token.Text}\"");
        }
    }

    private FormulaNode.Call Call(FormulaToken name)
    {
        Expect(FormulaTokenKind.OpenParen, "(");
        var arguments = new List<FormulaNode>();
        if (Peek.Kind == FormulaTokenKind.CloseParen)
        {
            _next++;
            return new FormulaNode.Call(Canonical(name.Text), arguments);
        }

        while (true)
        {
            arguments.Add(Peek.Kind is FormulaTokenKind.Comma or FormulaTokenKind.CloseParen ? new FormulaNode.Missing() : Expression(0));
            if (Peek.Kind == FormulaTokenKind.Comma)
            {
                _next++;
                continue;
            }

            Expect(FormulaTokenKind.CloseParen, "a comma or a closing parenthesis");
            return new FormulaNode.Call(Canonical(name.Text), arguments);
        }
    }

    /// <summary>Upper case, without the _xlfn. prefix a stored formula carries.</summary>
    private static string Canonical(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.StartsWith("_XLFN.", StringComparison.Ordinal) ? upper[6..] : upper;
    }

    private void Expect(FormulaTokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw FormulaTokenizer.Error(_formula, Peek.Position, $"expected {what}");
        }

        _next++;
    }
}
