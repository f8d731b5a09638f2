using System.Text;

namespace Cowork.Documents;

/// <summary>Splits a formula (without its leading '=') into tokens.</summary>
internal static class FormulaTokenizer
{
    public static List<FormulaToken> Tokenize(string formula)
    {
        var tokens = new List<FormulaToken>();
        var i = 0;
        while (i < formula.Length)
        {
            var ch = formula[i];
            if (char.IsWhiteSpace(ch))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(ch) || (ch == '.' && i + 1 < formula.Length && char.IsAsciiDigit(formula[i + 1])))
            {
                while (i < formula.Length && (char.IsAsciiDigit(formula[i]) || formula[i] == '.'))
                {
                    i++;
                }

                if (i < formula.Length && (formula[i] is 'e' or 'E') && i + 1 < formula.Length
                    && (char.IsAsciiDigit(formula[i + 1]) || (formula[i + 1] is '+' or '-' && i + 2 < formula.Length && char.IsAsciiDigit(formula[i + 2]))))
                {
                    i += 2;
                    while (i < formula.Length && char.IsAsciiDigit(formula[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new(FormulaTokenKind.Number, formula[start..i], start));
                continue;
            }

            switch (ch)
            {
                case '"':
                    tokens.Add(new(FormulaTokenKind.Text, ReadQuoted(formula, ref i, '"'), start));
                    continue;
                case '\'':
                    {
                        var sheet = ReadQuoted(formula, ref i, '\'');
                        if (i >= formula.Length || formula[i] != '!')
                        {
                            throw Error(formula, start, "a quoted sheet name must be followed by ! and a reference, as in 'My Sheet'!A1");
                        }

                        i++;
                        tokens.Add(new(FormulaTokenKind.Reference, ReadReference(formula, ref i), start, sheet));
                        continue;
                    }

                case '#':
                    {
                        var error = FormulaError.All.FirstOrDefault(e => string.Compare(formula, i, e.Code, 0, e.Code.Length, StringComparison.OrdinalIgnoreCase) == 0)
                            ?? throw Error(formula, start, "unknown error value");
                        i += error.Code.Length;
                        tokens.Add(new(FormulaTokenKind.Error, error.Code, start));
                        continue;
                    }

                case '(':
                    tokens.Add(new(FormulaTokenKind.OpenParen, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new(FormulaTokenKind.CloseParen, ")", i++));
                    continue;
                case ',' or ';':
                    tokens.Add(new(FormulaTokenKind.Comma, ",", i++));
                    continue;
                case '<' or '>':
                    if (i + 1 < formula.Length && (formula[i + 1] == '=' || (ch == '<' && formula[i + 1] == '>')))
                    {
                        tokens.Add(new(FormulaTokenKind.Operator, formula.Substring(i, 2), i));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new(FormulaTokenKind.Operator, ch.ToString(), i++));
                    }

                    continue;
                case '+' or '-' or '*' or '/' or '^' or '&' or '=' or '%':
                    tokens.Add(new(FormulaTokenKind.Operator, ch.ToString(), i++));
                    continue;
            }

            if (char.IsAsciiLetter(ch) || ch is '$' or '_' || ch == '\\')
            {
                while (i < formula.Length && (char.IsAsciiLetterOrDigit(formula[i]) || formula[i] is '_' or '.' or '$'))
                {
                    i++;
                }

                var word = formula[start..i];
                if (i < formula.Length && formula[i] == '!')
                {
                    i++;
                    tokens.Add(new(FormulaTokenKind.Reference, ReadReference(formula, ref i), start, word));
                }
                else if (i < formula.Length && formula[i] == '(')
                {
                    tokens.Add(new(FormulaTokenKind.Function, word, start));
                }
                else if (word.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || word.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
                {
                    tokens.Add(new(FormulaTokenKind.Logical, word.ToUpperInvariant(), start));
                }
                else if (i < formula.Length && formula[i] == ':' && (CellAddress.TryParse(word, out _) || CellAddress.ColumnNumber(word.Replace("$", "", StringComparison.Ordinal)) > 0))
                {
                    i = start;
                    tokens.Add(new(FormulaTokenKind.Reference, ReadReference(formula, ref i), start));
                }
                else if (CellAddress.TryParse(word, out _))
                {
                    tokens.Add(new(FormulaTokenKind.Reference, word, start));
                }
                else
                {
                    tokens.Add(new(FormulaTokenKind.Name, word, start));
                }

                continue;
            }

            throw Error(formula, start, $"unexpected character '{ch}'");
        }

        tokens.Add(new(FormulaTokenKind.End, "", formula.Length));
        return tokens;
    }

    private static string ReadReference(string formula, ref int i)
    {
        var start = i;
        ReadPart(formula, ref i);
        if (i < formula.Length && formula[i] == ':')
        {
            i++;
            ReadPart(formula, ref i);
        }

        var text = formula[start..i];
        return CellRange.TryParse(text, out _) ? text : throw Error(formula, start, $"\"{text}\" is not a cell or range reference");
    }

    private static void ReadPart(string formula, ref int i)
    {
        while (i < formula.Length && (char.IsAsciiLetterOrDigit(formula[i]) || formula[i] == '$'))
        {
            i++;
        }
    }

    private static string ReadQuoted(string formula, ref int i, char quote)
    {
        var start = i;
        var text = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= formula.Length)
            {
                throw Error(formula, start, $"unclosed {quote}");
            }

            if (formula[i] == quote)
            {
                if (i + 1 < formula.Length && formula[i + 1] == quote)
                {
                    text.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return text.ToString();
            }

            text.Append(formula[i++]);
        }
    }

    internal static FormulaException Error(string formula, int position, string problem) =>
        new($"Formula ={formula} has a syntax error at position {position + 1}: {problem}.");
}
