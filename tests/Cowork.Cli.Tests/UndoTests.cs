namespace Cowork.Cli.Tests;

public sealed class UndoTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Undo_after_organize_restores_the_folder_byte_for_byte()
    {
        var downloads = _temp.CopySamples();
        var before = TreeSnapshot.Take(downloads);
        var cli = new CliRun(_temp);
        Assert.Equal(0, await cli.InvokeAsync("run", "Organize my Downloads by type and date", "--folder", downloads, "--yes"));
        Assert.NotEqual(before, TreeSnapshot.Take(downloads));

        var changes = new CliRun(_temp);
        Assert.Equal(0, await changes.InvokeAsync("changes", "last"));
        Assert.Contains("moved IMG_20240312_101500.png -> Images/2024/2024-03/IMG_20240312_101500.png", changes.Console.Output, StringComparison.Ordinal);

        var dryRun = new CliRun(_temp);
        Assert.Equal(0, await dryRun.InvokeAsync("undo", "last", "--dry-run"));
        Assert.Contains("Would reverse", dryRun.Console.Output, StringComparison.Ordinal);
        Assert.NotEqual(before, TreeSnapshot.Take(downloads));

        var undo = new CliRun(_temp);
        Assert.Equal(0, await undo.InvokeAsync("undo", "last"));
        Assert.Equal(before, TreeSnapshot.Take(downloads));
        Assert.Equal(["Projects"], Directory.GetDirectories(downloads).Select(Path.GetFileName));

        // Undo twice is harmless.
        var again = new CliRun(_temp);
        Assert.Equal(0, await again.InvokeAsync("undo", "last"));
        Assert.Equal(before, TreeSnapshot.Take(downloads));
    }

    [Fact]
    public async Task Undo_keeps_what_the_person_changed_after_the_task()
    {
        var downloads = _temp.CopySamples();
        var cli = new CliRun(_temp);
        Assert.Equal(0, await cli.InvokeAsync("run", "Organize my Downloads by type", "--folder", downloads, "--yes"));
        // The person moves one organized file on, and adds a file to a folder the task made.
        File.Move(Path.Combine(downloads, "Documents", "ideas.md"), Path.Combine(downloads, "Projects", "ideas.md"));
        await File.WriteAllTextAsync(Path.Combine(downloads, "Images", "new-photo.png"), "mine");

        var undo = new CliRun(_temp);
        Assert.Equal(0, await undo.InvokeAsync("undo", "last"));

        Assert.True(File.Exists(Path.Combine(downloads, "Projects", "ideas.md")));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(downloads, "Images", "new-photo.png")));
        Assert.True(File.Exists(Path.Combine(downloads, "IMG_20240312_101500.png")));
        Assert.Contains("kept", undo.Console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope-123")]
    [InlineData("../etc")]
    public async Task An_unknown_task_is_a_clear_error(string id)
    {
        var cli = new CliRun(_temp);
        Assert.Equal(2, await cli.InvokeAsync("undo", id));
        Assert.Contains("task", cli.Error.ToString(), StringComparison.Ordinal);
    }
}
