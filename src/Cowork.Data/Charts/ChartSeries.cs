namespace Cowork.Data;

/// <summary>One series of a chart.</summary>
/// <param name="Name">Its legend entry (shown when a chart has more than one series).</param>
/// <param name="Values">Bar heights, line and scatter y values, pie slices; raw values for histograms and boxes.</param>
/// <param name="X">x positions for line and scatter charts (OLE dates when the spec's <see cref="ChartSpec.DateX"/>); else 0, 1, 2 … under the categories.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? X = null);
