namespace Cowork.Cli.Tests;

/// <summary>The everyday file chores offline, end to end through the CLI, then undone.</summary>
public sealed class ChoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Photos_are_renamed_by_date_and_undo_puts_the_names_back()
    {
        var downloads = _temp.CopySamples();
        var before = TreeSnapshot.Take(downloads);
        var cli = new CliRun(_temp);

        Assert.Equal(0, await cli.InvokeAsync("run", "rename these photos YYYY-MM-DD", "--folder", downloads, "--yes"));

        Assert.True(File.Exists(Path.Combine(downloads, "2024-03-12 IMG_20240312_101500.png")));
        Assert.True(File.Exists(Path.Combine(downloads, "2024-05-02 Screenshot 2024-05-02 at 10.15.33.png")));
        Assert.True(File.Exists(Path.Combine(downloads, "ideas.md")), "only photos are renamed");
        Assert.Contains("Renamed", cli.Output.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await new CliRun(_temp).InvokeAsync("undo", "last"));
        Assert.Equal(before, TreeSnapshot.Take(downloads));
    }

    [Fact]
    public async Task Duplicates_are_reported_then_moved_aside_and_undo_brings_them_back()
    {
        var downloads = _temp.CopySamples();
        File.SetLastWriteTime(Path.Combine(downloads, "ideas.md"), new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Local));
        File.Copy(Path.Combine(downloads, "ideas.md"), Path.Combine(downloads, "ideas (1).md"));
        File.Copy(Path.Combine(downloads, "ideas.md"), Path.Combine(downloads, "Projects", "ideas.md"));
        var before = TreeSnapshot.Take(downloads);

        var report = new CliRun(_temp);
        Assert.Equal(0, await report.InvokeAsync("run", "find duplicates", "--folder", downloads));
        Assert.Contains("1 groups of identical files", report.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Take(downloads));

        var move = new CliRun(_temp);
        Assert.Equal(0, await move.InvokeAsync("run", "move the duplicates aside", "--folder", downloads, "--yes"));
        Assert.True(File.Exists(Path.Combine(downloads, "ideas.md")));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(downloads, "Duplicates")).Length);
        Assert.False(File.Exists(Path.Combine(downloads, "Projects", "ideas.md")));

        Assert.Equal(0, await new CliRun(_temp).InvokeAsync("undo", "last"));
        Assert.Equal(before, TreeSnapshot.Take(downloads));
        Assert.False(Directory.Exists(Path.Combine(downloads, "Duplicates")));
    }
}
