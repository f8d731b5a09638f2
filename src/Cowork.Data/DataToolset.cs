using Cowork.Files;
using Microsoft.Extensions.AI;

namespace Cowork.Data;

/// <summary>The data tools: loading and profiling, statistics, transformations and charts.</summary>
public sealed class DataToolset : IToolset
{
    public IEnumerable<ToolDescriptor> CreateTools(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tools = new DataTools(Workspace.ForTask(context), context.Events);
        return
        [
            Tool(tools.ProfileData, ToolNames.ProfileData, ToolEffects.Read,
                "Profile a CSV/TSV, XLSX sheet or JSON array, streamed (any size): rows, and per column its type (numbers with currency or thousands separators, dates), " +
                "missing and invalid values, distinct count, min, max, mean, median, top values; ragged rows and bad values reported with row numbers."),
            Tool(tools.AnalyzeData, ToolNames.AnalyzeData, ToolEffects.Write,
                "Analyze a data file, streamed: describe; outliers (iqr, zscore, mad; per group) naming the rows; group_by aggregates; crosstab/pivot with counts, sums, " +
                "means or percentages; correlation; time_series by day/week/month with moving average, change, trend and seasonality; top_n rows. " +
                "Keys may be periods of a date column: month(order_date). save_as writes the full table as CSV.",
                arguments => arguments.TryGetValue("save_as", out var to) && to is not null && to.ToString() is { Length: > 0 } ? ToolEffects.Write : ToolEffects.Read),
            Tool(tools.TransformData, ToolNames.TransformData, ToolEffects.Write,
                "Transform a data file into a new CSV by a list of steps (filter, select, rename, clean, deduplicate, split, merge, unpivot, pivot, join). " +
                "Previews unless dry_run=false.",
                arguments => arguments.TryGetValue("dry_run", out var dry) && dry?.ToString() is "false" or "False" ? ToolEffects.Write : ToolEffects.Read),
            Tool(tools.MakeChart, ToolNames.MakeChart, ToolEffects.Write,
                "Draw a chart of a data file as PNG or SVG: bar or pie (y aggregated by category x), line (y by day/week/month of a date x, with a linear trend), " +
                "scatter (x against y), histogram (y), box (y per group x). Titles and axis labels with units, sized for reports."),
            Tool(tools.MakeAnalysisWorkbook, ToolNames.MakeAnalysisWorkbook, ToolEffects.Write,
                "Write analyses of a data file as an .xlsx: a Summary of findings, a sheet per analysis and the rows on a Data sheet; group_by, crosstab and " +
                "time_series numbers are SUMIFS/COUNTIFS/AVERAGEIFS formulas over the Data sheet (at most 1,048,575 rows)."),
        ];
    }

    private static ToolDescriptor Tool(Delegate method, string name, ToolEffects effects, string description, Func<AIFunctionArguments, ToolEffects>? effectsOfCall = null) =>
        new(AIFunctionFactory.Create(method, name, description), effects, effectsOfCall);
}
