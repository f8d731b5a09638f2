namespace Cowork.Documents;

/// <summary>What a written workbook holds, for the tool's report.</summary>
internal sealed class WorkbookSummary
{
    public int Sheets { get; set; }

    public int Cells { get; set; }

    public int Formulas { get; set; }

    public int Tables { get; set; }

    public int Charts { get; set; }

    public int ConditionalFormats { get; set; }

    public int Validations { get; set; }

    public override string ToString() =>
        $"{Sheets} sheet(s), {Cells} cells, {Formulas} formulas (cached values computed), {Tables} table(s), {Charts} chart(s), " +
        $"{ConditionalFormats} conditional format(s), {Validations} validation(s)";
}
