using System.Globalization;

namespace Cowork.Data;

/// <summary>The N rows with the largest (or smallest) values of a column, named by id, kept in a bounded heap.</summary>
internal static class TopRows
{
    public const int MaxN = 200;

    public static AnalysisResult Find(Dataset data, string column, int n, bool smallest, CancellationToken cancellationToken = default)
    {
        var value = GroupBy.Numeric(data, column);
        n = Math.Clamp(n <= 0 ? 10 : n, 1, MaxN);
        var heap = new PriorityQueue<(DataRow Row, double Value), (double, long)>();
        var warnings = new LoadWarnings();
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            if (!value.Format.TryValue(row.Fields[value.Index], out var x))
            {
                continue;
            }

            // The heap's top is the weakest kept row; ties keep the earlier row, as pandas' nlargest.
            var priority = (smallest ? -x : x, -row.Number);
            if (heap.Count < n)
            {
                heap.Enqueue((row, x), priority);
            }
            else if (heap.TryPeek(out _, out var weakest) && priority.CompareTo(weakest) > 0)
            {
                heap.DequeueEnqueue((row, x), priority);
            }
        }

        var top = new List<(DataRow Row, double Value)>();
        while (heap.Count > 0)
        {
            top.Add(heap.Dequeue());
        }

        top.Reverse();
        var shown = data.Columns.Take(8).ToList();
        var header = new List<string> { "row" };
        header.AddRange(shown.Select(c => c.Name));
        var rows = top.Select(t => new object?[] { data.RowName(t.Row) }.Concat(shown.Select(c => (object?)t.Row.Fields[c.Index])).ToArray()).ToList();
        var findings = new List<string>
        {
            $"{(smallest ? "Smallest" : "Largest")} {value.Name}: " + string.Join(", ", top.Take(10).Select(t => $"{data.RowName(t.Row)} ({ResultTable.Format(t.Value)})")) + ".",
        };
        return new AnalysisResult(string.Create(CultureInfo.InvariantCulture, $"Top {n} rows by {value.Name}{(smallest ? " (smallest)" : "")}"), new ResultTable(header, rows), findings, warnings.Lines());
    }
}
