namespace Cowork.Tests;

/// <summary>Which everyday wordings the offline planner understands, and what it makes of them.</summary>
public sealed class RequestIntentParserTests
{
    private const string Downloads = "/home/ana/Downloads";
    private const string Documents = "/home/ana/Documents";
    private static readonly FolderGrant[] OneFolder = [new(Downloads, FolderAccess.ReadWrite)];
    private static readonly FolderGrant[] TwoFolders = [new(Documents, FolderAccess.ReadWrite), new(Downloads, FolderAccess.ReadWrite)];

    [Theory]
    [InlineData("Organize my Downloads folder by type and date", OrganizeScheme.TypeThenDate)]
    [InlineData("organise my downloads by file type and by date", OrganizeScheme.TypeThenDate)]
    [InlineData("sort these files by month", OrganizeScheme.Date)]
    [InlineData("Sort my photos by the year they were taken", OrganizeScheme.Date)]
    [InlineData("Put these files into folders by year", OrganizeScheme.Date)]
    [InlineData("tidy up this folder", OrganizeScheme.Type)]
    [InlineData("Clean up my downloads please", OrganizeScheme.Type)]
    [InlineData("Declutter this folder", OrganizeScheme.Type)]
    [InlineData("Group the files by kind", OrganizeScheme.Type)]
    [InlineData("Categorize everything in here by extension", OrganizeScheme.Type)]
    public void Organize_requests_are_understood_with_their_scheme(string request, OrganizeScheme scheme)
    {
        var intent = Assert.IsType<OrganizeFolderIntent>(RequestIntentParser.Parse(request, OneFolder));

        Assert.Equal(scheme, intent.Scheme);
        Assert.Equal(Downloads, intent.Folder.Path);
    }

    [Theory]
    [InlineData("rename these photos YYYY-MM-DD", "{date} {name}", "lower-not")]
    [InlineData("Rename the files with the date they were taken", "{date} {name}", "")]
    [InlineData("rename my pictures with sequence numbers", "{name} {n:000}", "")]
    [InlineData("rename all files in lowercase", "{name}", "lower")]
    [InlineData("Rename these files as url slugs", "{name}", "slug")]
    public void Rename_requests_are_understood_with_their_pattern(string request, string pattern, string letterCase)
    {
        var intent = Assert.IsType<RenameFilesIntent>(RequestIntentParser.Parse(request, OneFolder));

        Assert.Equal(pattern, intent.Pattern);
        Assert.Equal(letterCase is "lower" or "slug" ? letterCase : "keep", intent.LetterCase);
        Assert.Equal(request.Contains("photo", StringComparison.Ordinal) || request.Contains("picture", StringComparison.Ordinal), intent.Match.Contains("*.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rename_without_a_pattern_needs_a_model() => Assert.Null(RequestIntentParser.Parse("rename the files", OneFolder));

    [Theory]
    [InlineData("find duplicates", false)]
    [InlineData("Are there duplicate files in my downloads?", false)]
    [InlineData("move the duplicates aside", true)]
    [InlineData("remove duplicate files", true)]
    [InlineData("clean up the dupes", true)]
    public void Duplicate_requests_report_or_move_aside(string request, bool moveAside)
    {
        var intent = RequestIntentParser.Parse(request, OneFolder);

        Assert.Equal(moveAside ? typeof(MoveDuplicatesIntent) : typeof(FindDuplicatesIntent), intent?.GetType());
    }

    [Theory]
    [InlineData("what's in this folder?")]
    [InlineData("What is in here?")]
    [InlineData("What are in these folders")]
    [InlineData("list the files here")]
    [InlineData("List my downloads")]
    [InlineData("Show me the files")]
    [InlineData("show the contents of this folder")]
    [InlineData("Describe this folder")]
    [InlineData("Give me an overview of my downloads")]
    [InlineData("What files do I have?")]
    public void Describe_requests_are_understood(string request)
    {
        var intent = Assert.IsType<DescribeFolderIntent>(RequestIntentParser.Parse(request, OneFolder));

        Assert.Equal(Downloads, intent.Folder.Path);
    }

    [Theory]
    [InlineData("Turn these receipts into an expense report")]
    [InlineData("Make an expense report from the receipts in this folder")]
    [InlineData("Group the receipts by vendor into a spreadsheet")]
    public void Receipt_jobs_become_an_expense_report(string request)
    {
        var intent = Assert.IsType<ExpenseReportIntent>(RequestIntentParser.Parse(request, OneFolder));

        Assert.Equal(Downloads, intent.Folder.Path);
    }

    [Theory]
    [InlineData("write me a poem")]
    [InlineData("Translate the letter into French")]
    [InlineData("Sort the rows of budget.xlsx by amount")]
    [InlineData("Clean up the formatting of my resume")]
    [InlineData("Arrange a meeting agenda from these notes")]
    [InlineData("organize my thoughts into an essay")]
    [InlineData("Summarize the quarterly report")]
    [InlineData("List the action items from my meeting notes")]
    [InlineData("What's in the contract about termination?")]
    [InlineData("Sort the files in report.docx by date")]
    [InlineData("")]
    public void Other_requests_are_not_understood(string request) =>
        Assert.Null(RequestIntentParser.Parse(request, OneFolder));

    [Theory]
    [InlineData("Make a presentation from my meeting notes", false)]
    [InlineData("Make a deck from my meeting notes", false)]
    [InlineData("turn the meeting minutes into slides", false)]
    [InlineData("Write a report from these notes", true)]
    [InlineData("Draft a write-up of the meeting notes", true)]
    public void Notes_jobs_are_understood(string request, bool report)
    {
        var intent = Assert.IsType<NotesJobIntent>(RequestIntentParser.Parse(request, OneFolder));

        Assert.Equal(report, intent.Report);
        Assert.Equal(Downloads, intent.Source);
    }

    [Fact]
    public void A_notes_job_may_name_its_notes_file() =>
        Assert.Equal(Path.Combine(Downloads, "Standup 2026-11-18.md"),
            Assert.IsType<NotesJobIntent>(RequestIntentParser.Parse("make slides from my notes in \"Standup 2026-11-18.md\"", OneFolder)).Source);

    [Fact]
    public void A_notes_job_needs_a_writable_folder() =>
        Assert.Throws<ToolException>(() => RequestIntentParser.Parse("write a report from my meeting notes", [new FolderGrant(Downloads, FolderAccess.ReadOnly)]));

    [Theory]
    [InlineData("Organize my Downloads folder by type and date", Downloads)]
    [InlineData("tidy up documents", Documents)]
    [InlineData("what's in Downloads?", Downloads)]
    [InlineData("what's in my documents?", Documents)]
    public void The_folder_named_in_the_request_is_chosen(string request, string folder) =>
        Assert.Equal(folder, RequestIntentParser.Parse(request, TwoFolders)!.Folder.Path);

    [Fact]
    public void A_folder_name_inside_another_word_does_not_count()
    {
        FolderGrant[] folders = [new("/home/ana/Work", FolderAccess.ReadWrite), new("/home/ana/Art", FolderAccess.ReadWrite)];

        // "art" appears inside "start"; the request names no folder, so the first read-write grant is used.
        var intent = RequestIntentParser.Parse("start by sorting the files by type", folders);

        Assert.Equal("/home/ana/Work", Assert.IsType<OrganizeFolderIntent>(intent).Folder.Path);
    }

    [Fact]
    public void Organizing_prefers_a_read_write_folder_when_none_is_named()
    {
        FolderGrant[] folders = [new(Documents, FolderAccess.ReadOnly), new(Downloads, FolderAccess.ReadWrite)];

        var intent = RequestIntentParser.Parse("tidy up the files", folders);

        Assert.Equal(Downloads, Assert.IsType<OrganizeFolderIntent>(intent).Folder.Path);
    }

    [Fact]
    public void Organizing_a_read_only_folder_is_refused_with_the_fix()
    {
        FolderGrant[] folders = [new(Downloads, FolderAccess.ReadOnly)];

        var error = Assert.Throws<ToolException>(() => RequestIntentParser.Parse("Organize my Downloads by type", folders));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains($"--folder {Downloads}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describing_a_read_only_folder_is_fine()
    {
        FolderGrant[] folders = [new(Downloads, FolderAccess.ReadOnly)];

        Assert.IsType<DescribeFolderIntent>(RequestIntentParser.Parse("what's in this folder?", folders));
    }

    [Fact]
    public void An_understood_request_without_a_folder_says_how_to_grant_one()
    {
        var error = Assert.Throws<ToolException>(() => RequestIntentParser.Parse("tidy up this folder", []));

        Assert.Contains("--folder", error.Message, StringComparison.Ordinal);
    }
}
