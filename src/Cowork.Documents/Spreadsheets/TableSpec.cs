namespace Cowork.Documents;

/// <summary>An Excel table over a range whose first row holds unique header texts.</summary>
internal sealed record TableSpec
{
    public string Name { get; init; } = "";

    public string Range { get; init; } = "";

    /// <summary>A built-in table style, TableStyleMedium2 by default.</summary>
    public string? Style { get; init; }
}
