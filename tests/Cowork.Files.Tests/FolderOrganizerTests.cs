namespace Cowork.Files.Tests;

public sealed class FolderOrganizerTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("cowork-org-").FullName;
    private readonly string _folder;
    private readonly List<FileChanged> _changes = [];
    private readonly Workspace _workspace;

    public FolderOrganizerTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(_home, "folder")).FullName;
        _workspace = new Workspace([new FolderGrant(_folder, FolderAccess.ReadWrite)], [],
            w => new FileChanges(w, Path.Combine(_home, "task", ChangeJournal.FileName), "t1", _changes.Add));
    }

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private (IReadOnlyList<PlannedMove> Moves, IReadOnlyList<string> Skipped) Plan(OrganizeScheme scheme) =>
        FolderOrganizer.Plan(_workspace.Root(0), RelativePath.Root, scheme);

    private OrganizeResult Apply(IReadOnlyList<PlannedMove> moves) =>
        FolderOrganizer.Apply(_workspace.Changes!, _workspace.Resolve("."), moves);

    private void Touch(string name, string content = "x", DateTime? modified = null)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (modified is { } when)
        {
            File.SetLastWriteTime(path, when);
        }
    }

    [Theory]
    [InlineData("IMG_20240312_101500.jpg", "2024-03-12")]
    [InlineData("Screenshot 2024-05-02 at 10.15.33.png", "2024-05-02")]
    [InlineData("scan_2023_11_02.pdf", "2023-11-02")]
    [InlineData("report.2021.07.30.docx", "2021-07-30")]
    [InlineData("PXL_20231224_190000123.jpg", "2023-12-24")]
    public void Dates_in_names_are_found(string name, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Date, FileDates.FromName(name)?.Date);

    [Theory]
    [InlineData("invoice-12345678.pdf")]
    [InlineData("2024-13-01 notes.txt")]
    [InlineData("2023-02-30.txt")]
    [InlineData("version 2024-0312.txt")]
    [InlineData("notes.txt")]
    public void Impossible_or_absent_dates_are_not_invented(string name) => Assert.Null(FileDates.FromName(name));

    [Fact]
    public void Type_and_date_moves_loose_files_and_leaves_the_rest()
    {
        Touch("IMG_20240312_101500.jpg");
        Touch("notes.txt", modified: new DateTime(2022, 8, 9, 10, 0, 0, DateTimeKind.Local));
        Touch(".hidden");
        Touch("big.iso.crdownload");
        Touch("Existing/keep.txt");
        var (moves, skipped) = Plan(OrganizeScheme.TypeThenDate);
        var result = Apply(moves);

        Assert.Equal(2, result.Moved);
        Assert.Empty(result.Failures);
        Assert.True(File.Exists(Path.Combine(_folder, "Images", "2024", "2024-03", "IMG_20240312_101500.jpg")));
        Assert.True(File.Exists(Path.Combine(_folder, "Documents", "2022", "2022-08", "notes.txt")));
        Assert.True(File.Exists(Path.Combine(_folder, ".hidden")));
        Assert.True(File.Exists(Path.Combine(_folder, "big.iso.crdownload")));
        Assert.True(File.Exists(Path.Combine(_folder, "Existing", "keep.txt")));
        Assert.Equal(2, skipped.Count);
        Assert.Equal(2, _changes.Count(c => c.Change == FileChangeKind.Moved));
        Assert.Contains(_changes, c => c.Change == FileChangeKind.FolderCreated && c.Path.EndsWith("2024-03", StringComparison.Ordinal));
    }

    [Fact]
    public void Name_collisions_never_overwrite()
    {
        Touch("Documents/report.pdf", "old");
        Touch("Documents/report (2).pdf", "older");
        Touch("report.pdf", "new");

        var (moves, _) = Plan(OrganizeScheme.Type);
        Apply(moves);

        Assert.Equal("old", File.ReadAllText(Path.Combine(_folder, "Documents", "report.pdf")));
        Assert.Equal("older", File.ReadAllText(Path.Combine(_folder, "Documents", "report (2).pdf")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(_folder, "Documents", "report (3).pdf")));
    }

    [Fact]
    public void Preview_changes_nothing_and_counts_the_moves()
    {
        Touch("a.png");
        Touch("b.csv");
        var (moves, skipped) = Plan(OrganizeScheme.Type);

        var preview = FolderOrganizer.DescribePreview(_folder, RelativePath.Root, OrganizeScheme.Type, moves, skipped);

        Assert.StartsWith("Preview: 2 files would move into 2 folders", preview, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "a.png")));
        Assert.False(Directory.Exists(Path.Combine(_folder, "Images")));
    }

    [Theory]
    [InlineData("type", OrganizeScheme.Type)]
    [InlineData("date", OrganizeScheme.Date)]
    [InlineData("type_then_date", OrganizeScheme.TypeThenDate)]
    [InlineData("Type and date", OrganizeScheme.TypeThenDate)]
    public void Schemes_parse(string by, OrganizeScheme expected) => Assert.Equal(expected, FolderOrganizer.ParseScheme(by));

    [Fact]
    public void An_unknown_scheme_is_a_clear_error() =>
        Assert.Contains("type, date or type_then_date", Assert.Throws<ToolException>(() => FolderOrganizer.ParseScheme("size")).Message, StringComparison.Ordinal);
}
