namespace Cowork.Documents;

internal sealed record NoteDecision(string Text, string Topic, string Meeting);
