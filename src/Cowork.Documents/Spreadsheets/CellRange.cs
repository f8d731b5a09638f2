namespace Cowork.Documents;

/// <summary>A rectangle of cells, inclusive; a single cell is a 1×1 range.</summary>
internal readonly record struct CellRange(CellAddress First, CellAddress Last)
{
    public int Rows => Last.Row - First.Row + 1;

    public int Columns => Last.Column - First.Column + 1;

    public bool IsSingleCell => First == Last;

    public bool Contains(CellAddress cell) =>
        cell.Row >= First.Row && cell.Row <= Last.Row && cell.Column >= First.Column && cell.Column <= Last.Column;

    public bool Overlaps(CellRange other) =>
        First.Row <= other.Last.Row && other.First.Row <= Last.Row && First.Column <= other.Last.Column && other.First.Column <= Last.Column;

    public override string ToString() => IsSingleCell ? First.ToString() : $"{First}:{Last}";

    /// <summary>Parses "A1", "A1:C9", "$A$1:$C$9", whole columns "A:C" and whole rows "2:5".</summary>
    public static bool TryParse(string text, out CellRange range)
    {
        range = default;
        var parts = text.Split(':');
        if (parts.Length == 1)
        {
            if (!CellAddress.TryParse(parts[0], out var single))
            {
                return false;
            }

            range = new CellRange(single, single);
            return true;
        }

        if (parts.Length != 2)
        {
            return false;
        }

        if (CellAddress.TryParse(parts[0], out var first) && CellAddress.TryParse(parts[1], out var last))
        {
            range = Normalized(first, last);
            return true;
        }

        var c1 = CellAddress.ColumnNumber(parts[0].Replace("$", "", StringComparison.Ordinal));
        var c2 = CellAddress.ColumnNumber(parts[1].Replace("$", "", StringComparison.Ordinal));
        if (c1 > 0 && c2 > 0)
        {
            range = Normalized(new CellAddress(1, c1), new CellAddress(CellAddress.MaxRow, c2));
            return true;
        }

        if (int.TryParse(parts[0].Replace("$", "", StringComparison.Ordinal), out var r1) && int.TryParse(parts[1].Replace("$", "", StringComparison.Ordinal), out var r2)
            && r1 is >= 1 and <= CellAddress.MaxRow && r2 is >= 1 and <= CellAddress.MaxRow)
        {
            range = Normalized(new CellAddress(r1, 1), new CellAddress(r2, CellAddress.MaxColumn));
            return true;
        }

        return false;
    }

    public static CellRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"\"{text}\" is not a range like A1:C9.");

    public static CellRange Normalized(CellAddress a, CellAddress b) =>
        new(new CellAddress(Math.Min(a.Row, b.Row), Math.Min(a.Column, b.Column)), new CellAddress(Math.Max(a.Row, b.Row), Math.Max(a.Column, b.Column)));
}
