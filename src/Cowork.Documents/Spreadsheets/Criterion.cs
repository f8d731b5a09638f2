using System.Globalization;
using System.Text.RegularExpressions;

namespace Cowork.Documents;

/// <summary>A SUMIFS/COUNTIFS criterion: "&gt;100", "&lt;&gt;x", "Food", "A*", 42.</summary>
internal sealed class Criterion
{
    private readonly string _op;
    private readonly double? _number;
    private readonly string _text;
    private readonly Regex? _pattern;

    private Criterion(string op, double? number, string text)
    {
        _op = op;
        _number = number;
        _text = text;
        if (_number is null && op is "=" or "<>" && text.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            _pattern = new Regex("^" + Wildcard(text) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
    }

    public static Criterion From(object? value)
    {
        switch (value)
        {
            case double d:
                return new("=", d, "");
            case bool b:
                return new("=", null, b ? "TRUE" : "FALSE");
            case null:
                return new("=", null, "");
        }

        var text = (string)value;
        string? op = text.StartsWith(">=", StringComparison.Ordinal) || text.StartsWith("<=", StringComparison.Ordinal) || text.StartsWith("<>", StringComparison.Ordinal) ? text[..2]
            : text.StartsWith('>') || text.StartsWith('<') || text.StartsWith('=') ? text[..1]
            : null;
        var rest = op is null ? text : text[op.Length..];
        op ??= "=";
        return double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new(op, number, rest)
            : new(op, null, rest);
    }

    public bool Matches(object? cell)
    {
        if (_number is double n)
        {
            var value = cell switch
            {
                double d => d,
                string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && _op == "=" => parsed,
                _ => (double?)null,
            };
            if (value is null)
            {
                return _op == "<>";
            }

            return Compare(value.Value.CompareTo(n));
        }

        if (_text.Length == 0)
        {
            var blank = cell is null || cell is string { Length: 0 };
            return _op switch { "=" => blank, "<>" => !blank, _ => false };
        }

        var cellText = cell switch
        {
            string s => s,
            bool b => b ? "TRUE" : "FALSE",
            _ => null,
        };
        if (cellText is null)
        {
            return _op == "<>";
        }

        if (_pattern is not null)
        {
            return _pattern.IsMatch(cellText) == (_op == "=");
        }

        return Compare(string.Compare(cellText, _text, StringComparison.OrdinalIgnoreCase));
    }

    private bool Compare(int order) => _op switch
    {
        "=" => order == 0,
        "<>" => order != 0,
        "<" => order < 0,
        "<=" => order <= 0,
        ">" => order > 0,
        _ => order >= 0,
    };

    private static string Wildcard(string text)
    {
        var pattern = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '~' && i + 1 < text.Length)
            {
                pattern.Append(Regex.Escape(text[++i].ToString()));
            }
            else if (ch == '*')
            {
                pattern.Append(".*");
            }
            else if (ch == '?')
            {
                pattern.Append('.');
            }
            else
            {
                pattern.Append(Regex.Escape(ch.ToString()));
            }
        }

        return pattern.ToString();
    }
}
