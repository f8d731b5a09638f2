using System.Text.Json;

namespace Cowork.Documents;

/// <summary>One sheet of a <see cref="WorkbookSpec"/>.</summary>
internal sealed record SheetSpec
{
    public string Name { get; init; } = "";

    /// <summary>Where <see cref="Rows"/> begin; A1 by default.</summary>
    public string? Start { get; init; }

    /// <summary>Rows of values: numbers, true/false, text, "=formulas", "YYYY-MM-DD" dates, null for blank.</summary>
    public List<List<JsonElement>>? Rows { get; init; }

    /// <summary>Single cells by address, set after the rows: "E2": "=SUM(B2:D2)".</summary>
    public Dictionary<string, JsonElement>? Cells { get; init; }

    /// <summary>Style the first of <see cref="Rows"/> as a header (bold, filled, bordered); true by default.</summary>
    public bool Header { get; init; } = true;

    /// <summary>Column widths in characters by letter ("A": 14); other columns are sized to their contents.</summary>
    public Dictionary<string, double>? Widths { get; init; }

    /// <summary>The first scrolling cell: "A2" freezes the first row, "B2" the first row and column.</summary>
    public string? Freeze { get; init; }

    public string? Autofilter { get; init; }

    public List<FormatSpec>? Formats { get; init; }

    public List<TableSpec>? Tables { get; init; }

    public List<ConditionalFormatSpec>? ConditionalFormats { get; init; }

    public List<ValidationSpec>? Validations { get; init; }

    public List<ChartSpec>? Charts { get; init; }

    public List<string>? Merge { get; init; }
}
