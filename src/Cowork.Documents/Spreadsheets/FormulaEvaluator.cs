using System.Globalization;

namespace Cowork.Documents;

/// <summary>
/// Evaluates a parsed formula to a value: null (blank), double, string, bool or <see cref="FormulaError"/>
/// (errors propagate as values). References are read through the <see cref="IFormulaContext"/>, which computes
/// the formulas they point at first.
/// </summary>
/// <exception cref="FormulaException">A missing sheet or name, or an unsupported function.</exception>
internal sealed class FormulaEvaluator(IFormulaContext context)
{
    public IFormulaContext Context { get; } = context;

    /// <summary>The formula's value as a cell shows it: a blank reference shows as 0.</summary>
    public object Evaluate(FormulaNode node, string sheet) => Scalar(Eval(node, sheet)) ?? 0d;

    /// <summary>The node's value; a reference stays a <see cref="RangeValue"/> for the function that takes it.</summary>
    public object? Eval(FormulaNode node, string sheet)
    {
        switch (node)
        {
            case FormulaNode.Number n:
                return n.Value;
            case FormulaNode.Text t:
                return t.Value;
            case FormulaNode.Logical l:
                return l.Value;
            case FormulaNode.Error e:
                return e.Value;
            case FormulaNode.Missing:
                return null;
            case FormulaNode.Reference r:
                {
                    var target = r.Sheet is null ? sheet : Context.Sheet(r.Sheet) ?? throw new FormulaException($"it refers to the sheet '{r.Sheet}', which does not exist");
                    return new RangeValue(target, r.Range);
                }

            case FormulaNode.Name name:
                return Context.Name(name.Value) ?? throw new FormulaException($"it uses the name {name.Value}, which is not defined (define it under \"names\", or quote text in \"double quotes\")");
            case FormulaNode.Unary u:
                {
                    var value = Number(Scalar(Eval(u.Operand, sheet)));
                    return value is double d ? -d : value;
                }

            case FormulaNode.Percent p:
                {
                    var value = Number(Scalar(Eval(p.Operand, sheet)));
                    return value is double d ? d / 100 : value;
                }

            case FormulaNode.Binary b:
                return Binary(b.Operator, Scalar(Eval(b.Left, sheet)), Scalar(Eval(b.Right, sheet)));
            case FormulaNode.Call call:
                return FormulaFunctions.Call(this, call, sheet);
            default:
                throw new InvalidOperationException("Unknown formula node.");
        }
    }

    /// <summary>A single value: a one-cell range gives its cell; a larger range is #VALUE! (no implicit intersection).</summary>
    public object? Scalar(object? value) => value switch
    {
        RangeValue { Range.IsSingleCell: true } r => Context.Value(r.Sheet, r.Range.First),
        RangeValue => FormulaError.Value,
        _ => value,
    };

    /// <summary>The values of a range's cells that hold something, row by row; a scalar is itself.</summary>
    public IEnumerable<object?> Values(object? value)
    {
        if (value is not RangeValue range)
        {
            yield return value;
            yield break;
        }

        if (Context.Used(range.Sheet, range.Range) is not CellRange used)
        {
            yield break;
        }

        for (var row = used.First.Row; row <= used.Last.Row; row++)
        {
            for (var column = used.First.Column; column <= used.Last.Column; column++)
            {
                var cell = Context.Value(range.Sheet, new CellAddress(row, column));
                if (cell is not null)
                {
                    yield return cell;
                }
            }
        }
    }

    /// <summary>A value as a number: blank is 0, TRUE is 1, numeric text is parsed; other text is #VALUE!.</summary>
    public static object Number(object? value) => value switch
    {
        null => 0d,
        double d => d,
        bool b => b ? 1d : 0d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string => FormulaError.Value,
        FormulaError e => e,
        _ => FormulaError.Value,
    };

    /// <summary>A value as text, the way &amp; joins it.</summary>
    public static object Text(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => FormatGeneral(d),
        bool b => b ? "TRUE" : "FALSE",
        FormulaError e => e,
        _ => FormulaError.Value,
    };

    public static string FormatGeneral(double d) => d.ToString("G15", CultureInfo.InvariantCulture);

    private static object Binary(string op, object? left, object? right)
    {
        if (left is FormulaError le)
        {
            return le;
        }

        if (right is FormulaError re)
        {
            return re;
        }

        if (op == "&")
        {
            return (string)Text(left) + (string)Text(right);
        }

        if (op is "=" or "<>" or "<" or ">" or "<=" or ">=")
        {
            var order = Compare(left, right);
            return op switch
            {
                "=" => order == 0,
                "<>" => order != 0,
                "<" => order < 0,
                ">" => order > 0,
                "<=" => order <= 0,
                _ => order >= 0,
            };
        }

        if (Number(left) is not double a)
        {
            return Number(left);
        }

        if (Number(right) is not double b)
        {
            return Number(right);
        }

        var result = op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" => b == 0 ? double.NaN : a / b,
            _ => Math.Pow(a, b),
        };
        return op == "/" && b == 0 ? FormulaError.Div0 : double.IsFinite(result) ? result : FormulaError.Num;
    }

    /// <summary>Excel's comparison: numbers before text before logicals; text case-insensitive; blank is 0, "" or FALSE.</summary>
    public static int Compare(object? left, object? right)
    {
        left ??= right switch { string => "", bool => false, _ => 0d };
        right ??= left switch { string => "", bool => false, _ => 0d };
        static int Rank(object v) => v switch { double => 0, string => 1, _ => 2 };
        var (rl, rr) = (Rank(left), Rank(right));
        if (rl != rr)
        {
            return rl.CompareTo(rr);
        }

        return left switch
        {
            double a => a.CompareTo((double)right),
            string s => string.Compare(s, (string)right, StringComparison.OrdinalIgnoreCase),
            bool b => b.CompareTo((bool)right),
            _ => 0,
        };
    }
}
