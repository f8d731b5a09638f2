namespace Cowork.Documents;

/// <summary>What a set of meeting notes says: the meetings and their topics, figures, decisions and action items.</summary>
internal sealed record NotesSummary(string Title, List<NotesMeeting> Meetings)
{
    public IEnumerable<NoteFigure> Figures => Meetings.SelectMany(m => m.Topics.SelectMany(t => t.Figures));

    public IEnumerable<NoteDecision> Decisions => Meetings.SelectMany(m => m.Topics.SelectMany(t => t.Decisions));

    public IEnumerable<NoteAction> Actions => Meetings.SelectMany(m => m.Topics.SelectMany(t => t.Actions));
}
