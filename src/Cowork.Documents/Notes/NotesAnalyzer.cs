using System.Globalization;
using System.Text.RegularExpressions;

namespace Cowork.Documents;

/// <summary>
/// Reads meeting notes (Markdown or plain text) deterministically: "# " headings are meetings, "## " headings
/// topics, "Attendees:" lines people; numbers are figures; "Decision:", "Decided", "Agreed" lines decisions;
/// "Action:", "TODO", "- [ ]" and "@owner … by date" lines action items with owner and due date.
/// </summary>
internal static partial class NotesAnalyzer
{
    /// <param name="files">Each notes file's name and text.</param>
    public static NotesSummary Analyze(IReadOnlyList<(string Name, string Text)> files)
    {
        var meetings = files.Select(f => Meeting(f.Name, f.Text)).Where(m => m.Topics.Count > 0).ToList();
        if (meetings.Count == 0)
        {
            throw new ToolException("The notes have no content to summarize (no headings or points were found).");
        }

        meetings = [.. meetings.OrderBy(m => m.Date ?? DateOnly.MaxValue)];
        var title = meetings.Count == 1 ? meetings[0].Title : "Meeting notes summary";
        return new NotesSummary(title, meetings);
    }

    private static NotesMeeting Meeting(string name, string text)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        string? title = null;
        var attendees = new List<string>();
        var topics = new List<NotesTopic>();
        NotesTopic? topic = null;
        var date = DateIn(stem, null);
        foreach (var raw in Xml.Clean(text).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal) && title is null)
            {
                title = line[2..].Trim();
                date ??= DateIn(title, null);
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                topic = NewTopic(heading.Groups[1].Value.Trim().TrimEnd(':'));
                topics.Add(topic);
                continue;
            }

            if (AttendeesLine().Match(line) is { Success: true } people)
            {
                attendees.AddRange(people.Groups[1].Value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }

            var point = Bullet().Replace(line, "").Trim();
            if (point.Length == 0)
            {
                continue;
            }

            if (topic is null)
            {
                topic = NewTopic("Discussion");
                topics.Add(topic);
            }

            var meetingTitle = title ?? stem;
            if (ActionLine().Match(point) is { Success: true } action)
            {
                topic.Actions.Add(Action(action.Groups["rest"].Value, topic.Title, meetingTitle, date));
            }
            else if (point.Contains('@', StringComparison.Ordinal) && Due().IsMatch(point))
            {
                topic.Actions.Add(Action(point, topic.Title, meetingTitle, date));
            }
            else if (DecisionLine().Match(point) is { Success: true } decision)
            {
                var what = decision.Groups["rest"].Value.Trim();
                topic.Decisions.Add(new NoteDecision(Capitalize(what), topic.Title, meetingTitle));
                topic.Points.Add($"**Decision:** {what}");
            }
            else
            {
                topic.Points.Add(point);
                if (Figure().Match(Dates().Replace(point, " ")) is { Success: true } figure)
                {
                    topic.Figures.Add(new NoteFigure(figure.Value.Trim(), point, topic.Title));
                }
            }
        }

        return new NotesMeeting(title ?? stem, date, attendees, topics, name);

        static NotesTopic NewTopic(string title) => new(title, [], [], [], []);
    }

    private static NoteAction Action(string text, string topic, string meeting, DateOnly? meetingDate)
    {
        var rest = text.Trim();
        string? owner = null;
        if (Mention().Match(rest) is { Success: true } mention)
        {
            owner = mention.Groups[1].Value;
            rest = Mention().Replace(rest, "", 1).Trim();
        }
        else if (OwnerFirst().Match(rest) is { Success: true } first)
        {
            owner = first.Groups[1].Value;
            rest = rest[first.Length..];
        }
        else if (OwnerAfter().Match(rest) is { Success: true } after)
        {
            owner = after.Groups[1].Value.Trim();
            rest = rest[..after.Index];
        }

        rest = LeadingTo().Replace(rest, "");
        string? due = null;
        if (Due().Match(rest) is { Success: true } by)
        {
            var when = by.Groups["date"].Value.Trim();
            due = DateIn(when, meetingDate)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? when;
            rest = rest.Remove(by.Index, by.Length);
        }

        return new NoteAction(Capitalize(rest.Trim().TrimEnd('.', ',', ';')), owner, due, topic, meeting);
    }

    /// <summary>A date in <paramref name="text"/>: ISO, "2 December", "Dec 1", "November 27"; the year from <paramref name="context"/> when missing.</summary>
    public static DateOnly? DateIn(string text, DateOnly? context)
    {
        if (Iso().Match(text) is { Success: true } iso
            && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        if (Spelled().Match(text) is not { Success: true } spelled)
        {
            return null;
        }

        var day = spelled.Groups["d1"].Success ? spelled.Groups["d1"].Value : spelled.Groups["d2"].Value;
        var month = spelled.Groups["m"].Value[..3];
        var year = spelled.Groups["y"].Success ? int.Parse(spelled.Groups["y"].Value, CultureInfo.InvariantCulture) : context?.Year ?? DateTime.Today.Year;
        if (!DateOnly.TryParseExact($"{day} {month} {year}", "d MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        // "by Jan 10" in notes from December means next year.
        return !spelled.Groups["y"].Success && context is { } c && date < c.AddMonths(-2) ? date.AddYears(1) : date;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^#{2,6}\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(?:attendees|participants|present|people)\s*:\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AttendeesLine();

    [GeneratedRegex(@"^(?:[-*+•]\s+|\d+[.)]\s+)(?:\[[ xX]?\]\s*)?")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:action(?:\s+item)?s?|todo|to-do|follow[- ]up|ai)\s*[:\-–]\s*(?<rest>.+)$|^(?:todo|to-do)\s+(?<rest>.+)$|^\[ \]\s*(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ActionLine();

    [GeneratedRegex(@"^(?:decision|decided|agreed|resolved|we decided|we agreed)\s*(?::|\s+that\b|\s+to\b|\s)\s*(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionLine();

    [GeneratedRegex(@"@([\p{L}][\p{L}\p{N}_.-]*)")]
    private static partial Regex Mention();

    [GeneratedRegex(@"^([\p{Lu}][\p{L}'-]+(?:\s[\p{Lu}][\p{L}'-]+)?)\s+(?:to|will|should|must)\s+")]
    private static partial Regex OwnerFirst();

    [GeneratedRegex(@"\s*[(\[—–-]\s*(?:owner\s*:\s*)?([\p{Lu}][\p{L}'-]+(?:\s[\p{Lu}][\p{L}'-]+)?)\s*[)\]]?\s*$")]
    private static partial Regex OwnerAfter();

    [GeneratedRegex(@"^(?:to|will|should|must)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingTo();

    [GeneratedRegex(@"\s*[,(]?\s*\b(?:by|due|before|until|deadline)\s*:?\s+(?<date>\d{4}-\d{2}-\d{2}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?|end of \w+|next \w+|tomorrow)\)?", RegexOptions.IgnoreCase)]
    private static partial Regex Due();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex Iso();

    [GeneratedRegex(@"(?:(?<d1>\d{1,2})\s+(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d2>\d{1,2})\b)(?:,?\s+(?<y>\d{4}))?", RegexOptions.IgnoreCase)]
    private static partial Regex Spelled();

    /// <summary>Dates, removed before looking for figures so "by 2 December" is not a figure.</summary>
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b|\bQ[1-4]\b|\b(?:19|20)\d{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Dates();

    [GeneratedRegex(@"[$€£]\s?\d[\d,]*(?:\.\d+)?\s?[kKmM]?\b|\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|[kKmM]\b)|\b\d[\d,]*(?:\.\d+)?\b(?:\s+(?:hours?|days?|weeks?|months?|units?|tickets?|testers?|customers?|users?|roles?))?")]
    private static partial Regex Figure();
}
