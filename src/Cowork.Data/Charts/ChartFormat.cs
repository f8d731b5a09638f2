namespace Cowork.Data;

public enum ChartFormat
{
    Png,
    Svg,
}
