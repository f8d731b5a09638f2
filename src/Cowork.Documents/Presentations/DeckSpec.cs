namespace Cowork.Documents;

/// <summary>A deck to write from the built-in template.</summary>
internal sealed record DeckSpec
{
    public string Title { get; init; } = "";

    public string? Author { get; init; }

    public List<SlideSpec> Slides { get; init; } = [];
}
