namespace Cowork.Documents;

/// <summary>A topic (a heading of the notes) with its points and what was found in them.</summary>
internal sealed record NotesTopic(string Title, List<string> Points, List<NoteFigure> Figures, List<NoteDecision> Decisions, List<NoteAction> Actions);
