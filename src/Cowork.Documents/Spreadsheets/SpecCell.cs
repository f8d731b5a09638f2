namespace Cowork.Documents;

/// <summary>A cell as the spec gives it: a value (double, string, bool) or a formula (without '='); dates are serial numbers.</summary>
internal sealed record SpecCell(object? Value, string? Formula, bool IsDate);
