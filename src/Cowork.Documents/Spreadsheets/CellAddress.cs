using System.Globalization;

namespace Cowork.Documents;

/// <summary>A cell's position: 1-based row and column, with the A1 notation both ways.</summary>
internal readonly record struct CellAddress(int Row, int Column)
{
    /// <summary>Excel's limits; references beyond them are #REF!.</summary>
    public const int MaxRow = 1_048_576;

    public const int MaxColumn = 16_384;

    public override string ToString() => ColumnName(Column) + Row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        Span<char> buffer = stackalloc char[4];
        var i = buffer.Length;
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            buffer[--i] = (char)('A' + ((c - 1) % 26));
        }

        return new string(buffer[i..]);
    }

    /// <summary>Parses "B7" or "$B$7".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CellAddress address)
    {
        address = default;
        var i = 0;
        if (i < text.Length && text[i] == '$')
        {
            i++;
        }

        var column = 0;
        var start = i;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            i++;
            if (column > MaxColumn)
            {
                return false;
            }
        }

        if (i == start)
        {
            return false;
        }

        if (i < text.Length && text[i] == '$')
        {
            i++;
        }

        if (i == text.Length || !int.TryParse(text[i..], NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1 || row > MaxRow)
        {
            return false;
        }

        address = new CellAddress(row, column);
        return true;
    }

    public static CellAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"\"{text}\" is not a cell reference like B7.");

    /// <summary>The column number of letters like "AB", or 0.</summary>
    public static int ColumnNumber(ReadOnlySpan<char> letters)
    {
        var column = 0;
        foreach (var ch in letters)
        {
            if (!char.IsAsciiLetter(ch))
            {
                return 0;
            }

            column = (column * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
            if (column > MaxColumn)
            {
                return 0;
            }
        }

        return column;
    }
}
