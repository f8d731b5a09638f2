namespace Cowork.Documents;

/// <summary>A drop-down list: fixed choices, or the cells of a source range.</summary>
internal sealed record ValidationSpec
{
    public string Range { get; init; } = "";

    public List<string>? List { get; init; }

    /// <summary>A range holding the choices, e.g. "Categories!A2:A10".</summary>
    public string? Source { get; init; }

    public bool AllowBlank { get; init; } = true;
}
