using System.Diagnostics;
using System.Text;

namespace Cowork.Files.Tests;

/// <summary>
/// A full disk: a write fails with a clear error and nothing is lost. Uses a tiny tmpfs, so it needs root (CI runs as
/// root); elsewhere it is skipped, in CI a missing capability is a failure.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("cowork-full-").FullName;
    private readonly string _home = Directory.CreateTempSubdirectory("cowork-full-home-").FullName;
    private readonly bool _mounted;

    public FullDiskTests()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", _mount]) { RedirectStandardError = true })!;
        mount.WaitForExit();
        _mounted = mount.ExitCode == 0;
        if (!_mounted && Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException($"CI must be able to mount a tmpfs for the full-disk test: {mount.StandardError.ReadToEnd()}");
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Process.Start("umount", [_mount])!.WaitForExit();
        }

        Directory.Delete(_mount, recursive: true);
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public void Writing_to_a_full_disk_fails_clearly_and_keeps_the_old_file()
    {
        if (!_mounted)
        {
            return; // Not root outside CI: nothing to test against.
        }

        File.WriteAllText(Path.Combine(_mount, "report.txt"), "the old report");
        var filler = new byte[16 * 1024];
        try
        {
            for (var i = 0; ; i++)
            {
                File.WriteAllBytes(Path.Combine(_mount, $"filler-{i}"), filler);
            }
        }
        catch (IOException)
        {
            // The disk is full now.
        }

        using var workspace = new Workspace([new FolderGrant(_mount, FolderAccess.ReadWrite)], [],
            w => new FileChanges(w, Path.Combine(_home, ChangeJournal.FileName), "t1"));
        var error = Assert.ThrowsAny<IOException>(() =>
            workspace.Changes!.Write(workspace.Resolve("report.txt", forWriting: true), Encoding.UTF8.GetBytes(new string('x', 100_000)), overwrite: true));

        Assert.Contains("space", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("the old report", File.ReadAllText(Path.Combine(_mount, "report.txt")));
        Assert.DoesNotContain(Directory.EnumerateFiles(_mount, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith(".cowork-tmp", StringComparison.Ordinal));
    }
}
