using System.Globalization;

namespace Cowork.Documents;

/// <summary>The deck and the report a notes summary becomes: structure from the notes, nothing invented.</summary>
internal static class NotesSpecs
{
    public static DeckSpec Deck(NotesSummary notes)
    {
        var slides = new List<SlideSpec>
        {
            new() { Layout = "title", Title = notes.Title, Subtitle = Subtitle(notes), Notes = $"Built from {string.Join(", ", notes.Meetings.Select(m => m.Source))}." },
        };
        var many = notes.Meetings.Count > 1;
        slides.Add(new SlideSpec
        {
            Layout = "bullets",
            Title = "Agenda",
            Bullets = many
                ? [.. notes.Meetings.SelectMany(m => m.Topics.Select(t => new ListItem(t.Title, 1)).Prepend(new ListItem(m.Title)))]
                : [.. notes.Meetings[0].Topics.Select(t => new ListItem(t.Title))],
        });
        foreach (var meeting in notes.Meetings)
        {
            if (many)
            {
                slides.Add(new SlideSpec { Layout = "section", Title = meeting.Title, Subtitle = Attendees(meeting) });
            }

            foreach (var topic in meeting.Topics.Where(t => t.Points.Count > 0))
            {
                slides.Add(new SlideSpec
                {
                    Layout = "bullets",
                    Title = topic.Title,
                    Bullets = [.. topic.Points.Select(p => new ListItem(p))],
                    Notes = topic.Actions.Count == 0 ? null : "Actions: " + string.Join("; ", topic.Actions.Select(Describe)),
                });
            }
        }

        var figures = notes.Figures.ToList();
        if (figures.Count > 0)
        {
            slides.Add(new SlideSpec { Layout = "table", Title = "Key figures", Columns = ["Figure", "In context", "Topic"], Rows = [.. figures.Select(f => new List<string> { f.Value, f.Text, f.Topic })] });
        }

        var decisions = notes.Decisions.ToList();
        if (decisions.Count > 0)
        {
            slides.Add(new SlideSpec { Layout = "bullets", Title = "Decisions", Bullets = [.. decisions.Select(d => new ListItem(d.Text))] });
        }

        var actions = notes.Actions.ToList();
        if (actions.Count > 0)
        {
            slides.Add(new SlideSpec { Layout = "table", Title = "Action items", Columns = ["Action", "Owner", "Due"], Rows = [.. actions.Select(Row)] });
            if (ByOwner(actions) is { } chart)
            {
                slides.Add(new SlideSpec { Layout = "chart", Title = "Action items by owner", Chart = chart, Alt = $"Column chart of open action items per owner: {Counts(actions)}." });
            }
        }

        return new DeckSpec { Title = notes.Title, Slides = slides };
    }

    public static DocumentSpec Report(NotesSummary notes)
    {
        var actions = notes.Actions.ToList();
        var decisions = notes.Decisions.ToList();
        var figures = notes.Figures.ToList();
        var topics = notes.Meetings.Sum(m => m.Topics.Count);
        var blocks = new List<DocumentBlock>
        {
            new() { Type = "heading", Text = "Summary" },
            new()
            {
                Type = "paragraph",
                Text = $"These notes cover {Count(notes.Meetings.Count, "meeting")} and {Count(topics, "topic")}. " +
                    $"They record {Count(decisions.Count, "decision")} and {Count(actions.Count, "action item")}" +
                    (actions.Any(a => a.Owner is not null) ? $" for {string.Join(", ", actions.Select(a => a.Owner).OfType<string>().Distinct())}" : "") + "." +
                    (actions.Select(a => a.Due).Where(d => d is not null && DateOnly.TryParseExact(d, "yyyy-MM-dd", out _)).Min() is { } first ? $" The first action is due on {first}." : ""),
            },
        };
        if (actions.Count > 0)
        {
            blocks.Add(new() { Type = "heading", Text = "Action items" });
            blocks.Add(new() { Type = "table", Columns = ["Action", "Owner", "Due", "Meeting"], Rows = [.. actions.Select(a => new List<string>(Row(a)) { a.Meeting })], Caption = "Action items with their owners and due dates" });
            if (ByOwner(actions) is { } chart)
            {
                blocks.Add(new() { Type = "chart", Chart = chart, Alt = $"Column chart of action items per owner: {Counts(actions)}.", Caption = "Action items by owner" });
            }
        }

        if (decisions.Count > 0)
        {
            blocks.Add(new() { Type = "heading", Text = "Decisions" });
            blocks.Add(new() { Type = "numbered", Items = [.. decisions.Select(d => new ListItem($"{d.Text} ({d.Topic})"))] });
        }

        if (figures.Count > 0)
        {
            blocks.Add(new() { Type = "heading", Text = "Key figures" });
            blocks.Add(new() { Type = "table", Columns = ["Figure", "In context", "Topic"], Rows = [.. figures.Select(f => new List<string> { f.Value, f.Text, f.Topic })] });
        }

        foreach (var meeting in notes.Meetings)
        {
            blocks.Add(new() { Type = "heading", Text = meeting.Title });
            if (meeting.Attendees.Count > 0)
            {
                blocks.Add(new() { Type = "paragraph", Text = $"*Attendees:* {string.Join(", ", meeting.Attendees)}" });
            }

            foreach (var topic in meeting.Topics)
            {
                blocks.Add(new() { Type = "heading", Level = 2, Text = topic.Title });
                if (topic.Points.Count > 0)
                {
                    blocks.Add(new() { Type = "bullets", Items = [.. topic.Points.Select(p => new ListItem(p))] });
                }

                foreach (var action in topic.Actions)
                {
                    blocks.Add(new() { Type = "paragraph", Text = $"**Action:** {Describe(action)}" });
                }
            }
        }

        return new DocumentSpec { Title = notes.Title, Subtitle = Subtitle(notes), Blocks = blocks, Footer = notes.Title };
    }

    private static string Subtitle(NotesSummary notes) =>
        string.Join(" · ", notes.Meetings.Select(m => m.Date is { } d ? $"{Short(m.Title)} ({d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})" : Short(m.Title)));

    /// <summary>A meeting title without its date part ("Product sync — 18 November 2026" → "Product sync").</summary>
    private static string Short(string title) => title.Split([" — ", " – ", " - ", ": "], 2, StringSplitOptions.None)[0].Trim();

    private static string? Attendees(NotesMeeting meeting) => meeting.Attendees.Count == 0 ? null : "Attendees: " + string.Join(", ", meeting.Attendees);

    private static List<string> Row(NoteAction action) => [action.Task, action.Owner ?? "Unassigned", action.Due ?? "Not set"];

    private static string Describe(NoteAction action) =>
        $"{action.Task} — {action.Owner ?? "unassigned"}{(action.Due is null ? "" : $", due {action.Due}")}";

    private static SlideChartSpec? ByOwner(List<NoteAction> actions)
    {
        var owners = actions.GroupBy(a => a.Owner ?? "Unassigned").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return owners.Count < 2 ? null : new SlideChartSpec
        {
            Type = "column",
            Categories = [.. owners.Select(g => g.Key)],
            Series = [new ChartSeries { Name = "Action items", Values = [.. owners.Select(g => (double)g.Count())] }],
            NumberFormat = "0",
        };
    }

    private static string Counts(List<NoteAction> actions) =>
        string.Join(", ", actions.GroupBy(a => a.Owner ?? "Unassigned").Select(g => $"{g.Key} {g.Count()}"));

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
