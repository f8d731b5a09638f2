namespace Cowork.Documents;

/// <summary>One meeting (one notes file): its title, date when the notes give one, attendees and topics.</summary>
internal sealed record NotesMeeting(string Title, DateOnly? Date, List<string> Attendees, List<NotesTopic> Topics, string Source);
