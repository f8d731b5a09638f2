namespace Cowork.Data;

public enum ChartKind
{
    Bar,
    Line,
    Scatter,
    Histogram,
    Box,
    Pie,
}
