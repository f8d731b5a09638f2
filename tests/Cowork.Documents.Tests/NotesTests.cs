namespace Cowork.Documents.Tests;

/// <summary>Meeting notes read into topics, figures, decisions and action items with owners and dates.</summary>
public sealed class NotesTests
{
    public static string SamplesFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cowork.slnx")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "samples", "Notes");
    }

    private static NotesSummary Samples() =>
        NotesAnalyzer.Analyze([.. Directory.GetFiles(SamplesFolder()).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))]);

    [Fact]
    public void The_sample_notes_give_meetings_topics_decisions_and_actions()
    {
        var notes = Samples();

        Assert.Equal(["Product sync — 18 November 2026", "Ops weekly — 25 November 2026"], notes.Meetings.Select(m => m.Title));
        Assert.Equal(new DateOnly(2026, 11, 18), notes.Meetings[0].Date);
        Assert.Equal(["Mobile app launch", "Pricing", "Support load"], notes.Meetings[0].Topics.Select(t => t.Title));
        Assert.Equal(4, notes.Meetings[0].Attendees.Count);
        Assert.Equal(4, notes.Decisions.Count());
        var actions = notes.Actions.ToList();
        Assert.Equal(6, actions.Count);
        Assert.Contains(actions, a => a is { Owner: "Priya", Due: "2026-12-02", Task: "Submit the build to both app stores" });
        Assert.Contains(actions, a => a is { Owner: "Marco", Due: "2026-11-27", Task: "Draft the pricing page copy" });
        Assert.Contains(actions, a => a is { Owner: "Lee", Due: "2026-12-01" });
        Assert.Contains(actions, a => a is { Owner: "Marco", Due: "2026-12-05", Task: "Send the Q4 forecast to finance" });
        Assert.Contains(notes.Figures, f => f.Value == "96.2%");
        Assert.Contains(notes.Figures, f => f.Value == "$38,000");
        Assert.DoesNotContain(notes.Figures, f => f.Text.StartsWith("App store", StringComparison.Ordinal) && f.Value == "2");
    }

    [Theory]
    [InlineData("Action: Ana to book the venue by Friday", "Ana", "Friday", "Book the venue")]
    [InlineData("TODO send the slides (owner: Ben Ode)", "Ben Ode", null, "Send the slides")]
    [InlineData("- [ ] @kim update the budget due 3 Jan", "kim", "2027-01-03", "Update the budget")]
    [InlineData("Follow-up: check the contract", null, null, "Check the contract")]
    public void Action_items_keep_owner_and_date(string line, string? owner, string? due, string task)
    {
        var notes = NotesAnalyzer.Analyze([("2026-12-10 sync.md", $"# Sync\n\n## Items\n\n{line}\n")]);

        var action = Assert.Single(notes.Actions);
        Assert.Equal(owner, action.Owner);
        Assert.Equal(due, action.Due);
        Assert.Equal(task, action.Task);
    }

    [Fact]
    public void The_deck_and_report_carry_every_action_item_and_pass_their_checks()
    {
        var notes = Samples();
        var (deck, _) = DeckWriter.Write(NotesSpecs.Deck(notes), _ => throw new InvalidOperationException());
        var report = WordWriter.Write(NotesSpecs.Report(notes), _ => throw new InvalidOperationException());

        Assert.Empty(OfficeVerifier.Check(deck, ".pptx"));
        Assert.Empty(OfficeVerifier.Check(report, ".docx"));
        var deckText = string.Join("\n", DocumentReader.Pages(deck, "d.pptx"));
        var reportText = string.Join("\n", DocumentReader.Pages(report, "r.docx"));
        foreach (var action in notes.Actions)
        {
            Assert.Contains($"| {action.Task} | {action.Owner} | {action.Due} |", deckText, StringComparison.Ordinal);
            Assert.Contains($"| {action.Task} | {action.Owner} | {action.Due} |", reportText, StringComparison.Ordinal);
        }

        Assert.Throws<ToolException>(() => NotesAnalyzer.Analyze([("empty.md", "\n\n")]));
    }
}
