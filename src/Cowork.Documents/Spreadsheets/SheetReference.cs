namespace Cowork.Documents;

/// <summary>A range on a named sheet, as the spec writes it: "A2:A9", "Data!A2:A9" or "'Q1 Sales'!B2".</summary>
internal readonly record struct SheetReference(string Sheet, CellRange Range)
{
    /// <exception cref="ToolException">Not a reference.</exception>
    public static SheetReference Parse(string text, string defaultSheet)
    {
        var bang = text.LastIndexOf('!');
        var sheet = defaultSheet;
        var range = text.TrimStart('=');
        if (bang >= 0)
        {
            sheet = text[..bang].TrimStart('=');
            if (sheet.Length >= 2 && sheet[0] == '\'' && sheet[^1] == '\'')
            {
                sheet = sheet[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            range = text[(bang + 1)..];
        }

        return CellRange.TryParse(range, out var parsed)
            ? new SheetReference(sheet, parsed)
            : throw new ToolException($"\"{text}\" is not a range like A2:C9 or Data!A2:C9.");
    }

    /// <summary>'Sheet Name'!$A$2:$A$9, as charts and defined names store it.</summary>
    public string Absolute()
    {
        var quoted = Quote(Sheet);
        static string Abs(CellAddress a) => $"${CellAddress.ColumnName(a.Column)}${a.Row}";
        return Range.IsSingleCell ? $"{quoted}!{Abs(Range.First)}" : $"{quoted}!{Abs(Range.First)}:{Abs(Range.Last)}";
    }

    public static string Quote(string sheet) =>
        sheet.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(sheet[0]) && !CellAddress.TryParse(sheet, out _)
            ? sheet : $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'";
}
