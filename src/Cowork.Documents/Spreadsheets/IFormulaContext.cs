namespace Cowork.Documents;

/// <summary>What the evaluator reads: cell values (computing formulas on demand), sheets and defined names.</summary>
internal interface IFormulaContext
{
    /// <summary>The sheet's name as stored, or null when there is no such sheet (names compare case-insensitively).</summary>
    string? Sheet(string name);

    /// <summary>A cell's value: null (blank), double, string, bool or <see cref="FormulaError"/>.</summary>
    object? Value(string sheet, CellAddress cell);

    /// <summary>The part of <paramref name="range"/> that holds cells, so whole columns cost what they hold.</summary>
    CellRange? Used(string sheet, CellRange range);

    /// <summary>A defined name's reference, or null.</summary>
    RangeValue? Name(string name);
}
