namespace Cowork.Documents;

/// <summary>
/// A workbook's cells and defined names, and the value of every formula: computed on demand in dependency order,
/// each once, with circular references detected and reported with their chain.
/// </summary>
internal sealed class WorkbookCalculator : IFormulaContext
{
    private readonly Dictionary<string, SheetCells> _sheets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RangeValue> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Sheet, CellAddress Cell)> _computing = [];
    private readonly FormulaEvaluator _evaluator;

    public WorkbookCalculator() => _evaluator = new FormulaEvaluator(this);

    public void AddSheet(string name)
    {
        if (!_sheets.TryAdd(name, new SheetCells(name)))
        {
            throw new FormulaException($"There are two sheets named \"{name}\" (names ignore case); give each sheet its own name.", located: true);
        }
    }

    public void SetValue(string sheet, CellAddress cell, object? value) => _sheets[sheet].Set(cell, new Slot { Value = value, Done = true });

    /// <summary>Stores and parses a formula (without its '=').</summary>
    /// <exception cref="FormulaException">It does not parse.</exception>
    public FormulaNode SetFormula(string sheet, CellAddress cell, string formula)
    {
        FormulaNode node;
        try
        {
            node = FormulaParser.Parse(formula);
        }
        catch (FormulaException ex)
        {
            throw new FormulaException($"{sheet}!{cell}: {ex.Message}", located: true);
        }

        _sheets[sheet].Set(cell, new Slot { Formula = node, Text = formula });
        return node;
    }

    public void DefineName(string name, string sheet, CellRange range)
    {
        var target = Sheet(sheet) ?? throw new FormulaException($"The name {name} refers to the sheet '{sheet}', which does not exist.", located: true);
        _names[name] = new RangeValue(target, range);
    }

    /// <summary>Computes every formula, sheet by sheet, row by row.</summary>
    /// <exception cref="FormulaException">A formula refers to a missing sheet or name, uses an unsupported function, or is circular.</exception>
    public void CalculateAll()
    {
        Exception? failure = null;
        // A chain of formulas each referring to the next is evaluated by recursion: give it a deep stack.
        var thread = new Thread(() =>
        {
            try
            {
                foreach (var sheet in _sheets.Values)
                {
                    foreach (var (cell, _) in sheet.Formulas())
                    {
                        Value(sheet.Name, cell);
                    }
                }
            }
            catch (FormulaException ex)
            {
                failure = ex;
            }
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>The computed value of every formula cell, for writing cached values.</summary>
    public object? Result(string sheet, CellAddress cell) => _sheets[sheet].Get(cell)?.Value;

    public string? Sheet(string name) => _sheets.TryGetValue(name, out var sheet) ? sheet.Name : null;

    public RangeValue? Name(string name) => _names.GetValueOrDefault(name);

    public CellRange? Used(string sheet, CellRange range) => _sheets[sheet].Used(range);

    public object? Value(string sheet, CellAddress cell)
    {
        var slot = _sheets[sheet].Get(cell);
        if (slot is null)
        {
            return null;
        }

        if (slot.Done)
        {
            return slot.Value;
        }

        if (slot.Computing)
        {
            var start = _computing.FindIndex(c => c.Sheet == sheet && c.Cell == cell);
            var chain = _computing.Skip(start).Append((sheet, cell)).Select(c => $"{c.Item1}!{c.Item2}");
            throw new FormulaException($"Circular reference: {string.Join(" → ", chain)}. A formula cannot depend on its own result; break the loop.", located: true);
        }

        slot.Computing = true;
        _computing.Add((sheet, cell));
        try
        {
            slot.Value = _evaluator.Evaluate(slot.Formula!, sheet);
        }
        catch (FormulaException ex) when (!ex.Located)
        {
            throw new FormulaException($"The formula in {sheet}!{cell} (={slot.Text}) cannot be calculated: {ex.Message}.", located: true);
        }
        finally
        {
            _computing.RemoveAt(_computing.Count - 1);
            slot.Computing = false;
        }

        slot.Done = true;
        return slot.Value;
    }

    private sealed class Slot
    {
        public object? Value { get; set; }

        public FormulaNode? Formula { get; init; }

        public string? Text { get; init; }

        public bool Done { get; set; }

        public bool Computing { get; set; }
    }

    private sealed class SheetCells(string name)
    {
        private readonly Dictionary<CellAddress, Slot> _cells = [];
        private int _minRow = int.MaxValue, _maxRow, _minColumn = int.MaxValue, _maxColumn;

        public string Name { get; } = name;

        public Slot? Get(CellAddress cell) => _cells.GetValueOrDefault(cell);

        public void Set(CellAddress cell, Slot slot)
        {
            _cells[cell] = slot;
            _minRow = Math.Min(_minRow, cell.Row);
            _maxRow = Math.Max(_maxRow, cell.Row);
            _minColumn = Math.Min(_minColumn, cell.Column);
            _maxColumn = Math.Max(_maxColumn, cell.Column);
        }

        public IEnumerable<(CellAddress, Slot)> Formulas() =>
            _cells.Where(c => c.Value.Formula is not null).OrderBy(c => c.Key.Row).ThenBy(c => c.Key.Column).Select(c => (c.Key, c.Value)).ToList();

        public CellRange? Used(CellRange range)
        {
            var first = new CellAddress(Math.Max(range.First.Row, _minRow), Math.Max(range.First.Column, _minColumn));
            var last = new CellAddress(Math.Min(range.Last.Row, _maxRow), Math.Min(range.Last.Column, _maxColumn));
            return first.Row <= last.Row && first.Column <= last.Column ? new CellRange(first, last) : null;
        }
    }
}
