namespace Cowork.Documents;

/// <summary>An action item: what, who (when the notes say), by when (ISO date when it could be read, else as written).</summary>
internal sealed record NoteAction(string Task, string? Owner, string? Due, string Topic, string Meeting);
