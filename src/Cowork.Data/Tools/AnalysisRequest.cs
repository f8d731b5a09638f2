using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Cowork.Data;

/// <summary>One analysis for make_analysis_workbook: the operation and options of analyze_data, under the same names.</summary>
public sealed record AnalysisRequest(
    [property: JsonPropertyName("operation"), Description("describe, outliers, group_by, crosstab, correlation, time_series or top_n.")] string Operation,
    [property: JsonPropertyName("column")] string? Column = null,
    [property: JsonPropertyName("columns")] string[]? Columns = null,
    [property: JsonPropertyName("group_by")] string? GroupBy = null,
    [property: JsonPropertyName("rows_by")] string? RowsBy = null,
    [property: JsonPropertyName("columns_by")] string? ColumnsBy = null,
    [property: JsonPropertyName("value_column")] string? ValueColumn = null,
    [property: JsonPropertyName("aggregate")] string? Aggregate = null,
    [property: JsonPropertyName("percent")] string? Percent = null,
    [property: JsonPropertyName("method")] string? Method = null,
    [property: JsonPropertyName("threshold")] double? Threshold = null,
    [property: JsonPropertyName("date_column")] string? DateColumn = null,
    [property: JsonPropertyName("period")] string? Period = null,
    [property: JsonPropertyName("window")] int Window = 3,
    [property: JsonPropertyName("n")] int N = 10,
    [property: JsonPropertyName("smallest")] bool Smallest = false);
