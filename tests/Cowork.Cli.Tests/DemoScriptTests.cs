using System.Diagnostics;

namespace Cowork.Cli.Tests;

/// <summary>The README's offline command, run as a new user would, on a copy of the sample files.</summary>
public sealed class DemoScriptTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_offline_demo_organizes_a_copy_of_the_samples_and_leaves_the_repository_alone()
    {
        var root = TempFolder.RepositoryRoot();
        var samples = Path.Combine(root, "samples", "Downloads");
        var samplesBefore = TempFolder.Snapshot(samples);
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "demo.sh"), _temp.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("COWORK_HOME");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));

        Assert.True(process.ExitCode == 0, $"demo failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        var result = TempFolder.Snapshot(Path.Combine(_temp.Path, "Downloads"));
        Assert.Contains("Images/2024/2024-03/IMG_20240312_101500.png", result.Keys);
        Assert.Contains("Documents/2024/2024-01/Invoice-2024-01-15.pdf", result.Keys);
        Assert.Contains("Spreadsheets/2024/2024-01/budget_2024.xlsx", result.Keys);
        Assert.Contains("Projects/README.txt", result.Keys);
        Assert.Contains(".hidden-settings", result.Keys);
        Assert.Contains("movie-trailer.mp4.crdownload", result.Keys);
        // Every sample file is there exactly once, with the same content.
        Assert.Equal(samplesBefore.Values.Order(), result.Values.Order());
        Assert.Equal(samplesBefore, TempFolder.Snapshot(samples));
        Assert.Contains("Completed", await stdout, StringComparison.Ordinal);
    }
}
