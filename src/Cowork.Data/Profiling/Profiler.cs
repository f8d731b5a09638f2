namespace Cowork.Data;

/// <summary>Profiles every column of a dataset in one streaming pass.</summary>
internal static class Profiler
{
    public static TableProfile Profile(Dataset data, CancellationToken cancellationToken = default)
    {
        var warnings = new LoadWarnings();
        var columns = data.Columns.Select(c => new ColumnAccumulator(c, warnings)).ToArray();
        var rows = 0L;
        foreach (var row in data.Rows(warnings, cancellationToken))
        {
            rows++;
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i].Add(row.Fields[i], row.Number);
            }
        }

        return new TableProfile(data.DisplayName, data.Format, rows, [.. columns.Select(c => c.Finish())], data.IdColumn?.Name,
            warnings.Lines());
    }
}
