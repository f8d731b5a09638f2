using System.Globalization;
using System.Text;

namespace Cowork.Data;

/// <summary>A result as a table: a header and rows of cells (strings, numbers or null), rendered as Markdown or CSV.</summary>
public sealed record ResultTable(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Markdown, at most <paramref name="maxRows"/> rows (the rest counted, not shown).</summary>
    public string ToMarkdown(int maxRows = 50)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Columns.Select(Escape)).AppendLine(" |");
        text.Append('|').AppendJoin('|', Columns.Select(c => Rows.Count > 0 && Rows[0][Columns.ToList().IndexOf(c)] is double ? " ---: " : " --- ")).AppendLine("|");
        foreach (var row in Rows.Take(maxRows))
        {
            text.Append("| ").AppendJoin(" | ", row.Select(c => Escape(Format(c)))).AppendLine(" |");
        }

        if (Rows.Count > maxRows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\n({Rows.Count - maxRows:N0} more rows not shown.)");
        }

        return text.ToString();
    }

    /// <summary>Cells as text: numbers with up to 6 significant decimals, invariant culture.</summary>
    public static string Format(object? cell) => cell switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d when Math.Abs(d) >= 1e15 || (d != 0 && Math.Abs(d) < 1e-4) => d.ToString("G6", CultureInfo.InvariantCulture),
        double d => Math.Round(d, 4).ToString("0.####", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    /// <summary>The cell as a full-precision number, or NaN.</summary>
    public static double Number(object? cell) => cell switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => double.NaN,
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
