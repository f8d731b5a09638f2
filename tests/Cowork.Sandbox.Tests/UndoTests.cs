using System.Text;

using Cowork.Files;

namespace Cowork.Sandbox.Tests;

/// <summary>What code does in a read-write grant goes through the journal: listed as changes, reversed byte for byte.</summary>
public sealed class UndoTests : IDisposable
{
    private readonly Sandboxed _run;

    public UndoTests()
    {
        Sandboxed.RequireBubblewrap();
        _run = new Sandboxed();
    }

    public void Dispose() => _run.Dispose();

    private void Seed()
    {
        var when = new DateTime(2023, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        void Put(string relative, byte[] content)
        {
            var path = Path.Combine(_run.Grant, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            File.SetLastWriteTimeUtc(path, when);
        }

        Put("notes.txt", Encoding.UTF8.GetBytes("first\nsecond\n"));
        Put("data.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"));
        Put("old-name.md", Encoding.UTF8.GetBytes("# Keep my bytes\n"));
        Put("junk.tmp", [0, 1, 2, 255]);
        Put("photos/big.bin", [.. Enumerable.Range(0, 3 << 20).Select(i => (byte)(i * 7))]);
        Put("archive/2023/a.txt", Encoding.UTF8.GetBytes("a\n"));
        Put("archive/2023/b.txt", Encoding.UTF8.GetBytes("b\n"));
        Put("dir-to-move/inner.txt", Encoding.UTF8.GetBytes("inner\n"));
    }

    [SkippableFact]
    public async Task Creating_changing_renaming_and_deleting_files_is_undone_byte_for_byte()
    {
        Seed();
        var before = Sandboxed.Snapshot(_run.Grant);

        var result = await _run.RunAsync("python", """
            import os, shutil
            open('notes.txt', 'a').write('third\n')                 # changed in place
            with open('data.csv', 'w') as f: f.write('a,b\n3,4\n')   # truncated and rewritten
            os.rename('old-name.md', 'new-name.md')                 # renamed
            os.remove('junk.tmp')                                    # deleted
            shutil.rmtree('archive')                                 # a whole folder deleted
            shutil.move('dir-to-move', 'moved-dir')                  # a folder renamed (copied by the overlay)
            os.makedirs('out/charts')
            open('out/charts/summary.txt', 'w').write('made\n')     # created in new folders
            open(b'caf\xe9-latin1.txt', 'wb').write(b'not utf-8 name')  # a name that is not UTF-8
            with open('photos/big.bin', 'r+b') as f: f.seek(1 << 20); f.write(b'patched')
            os.utime('notes.txt', (0, 0))
            """);

        Assert.True(result.Contains("Exit status 0", StringComparison.Ordinal), result);
        Assert.Contains($"changed {_run.Grant}/notes.txt", result, StringComparison.Ordinal);
        Assert.Contains($"changed {_run.Grant}/data.csv", result, StringComparison.Ordinal);
        Assert.Contains($"moved {_run.Grant}/old-name.md to {_run.Grant}/new-name.md", result, StringComparison.Ordinal);
        Assert.Contains($"deleted {_run.Grant}/junk.tmp", result, StringComparison.Ordinal);
        Assert.Contains($"deleted {_run.Grant}/archive/2023/a.txt", result, StringComparison.Ordinal);
        Assert.Contains($"moved {_run.Grant}/dir-to-move/inner.txt to {_run.Grant}/moved-dir/inner.txt", result, StringComparison.Ordinal);
        Assert.Contains($"created {_run.Grant}/out/charts/summary.txt", result, StringComparison.Ordinal);
        Assert.Equal("first\nsecond\nthird\n", await File.ReadAllTextAsync(Path.Combine(_run.Grant, "notes.txt")));
        Assert.Equal("# Keep my bytes\n", await File.ReadAllTextAsync(Path.Combine(_run.Grant, "new-name.md")));
        Assert.False(File.Exists(Path.Combine(_run.Grant, "junk.tmp")));
        Assert.False(File.Exists(Path.Combine(_run.Grant, "archive", "2023", "a.txt")));
        Assert.Contains(_run.Events, e => e is FileChanged { Change: FileChangeKind.Moved });
        Assert.NotEqual(before, Sandboxed.Snapshot(_run.Grant));

        var steps = _run.Undo();

        Assert.All(steps, s => Assert.True(s.Outcome is UndoOutcome.Reversed or UndoOutcome.NotNeeded, $"{s}"));
        var after = Sandboxed.Snapshot(_run.Grant);
        // Folders the code emptied stay (the journal records no folder removal); every file and byte is back.
        Assert.Equal(before, new SortedDictionary<string, string>(after.Where(e => !e.Key.EndsWith('/') || before.ContainsKey(e.Key)).ToDictionary(), StringComparer.Ordinal));
        Assert.DoesNotContain(after.Keys, k => !before.ContainsKey(k) && !k.EndsWith('/'));
    }

    [SkippableFact]
    public async Task A_run_stopped_at_its_time_limit_changes_nothing()
    {
        Seed();
        var before = Sandboxed.Snapshot(_run.Grant);

        var result = await _run.RunAsync("bash", "echo changed > notes.txt; rm data.csv; touch new.txt; sleep 30", timeout: 1);

        Assert.Contains("Nothing it changed in the granted folders was applied", result, StringComparison.Ordinal);
        Assert.Equal(before, Sandboxed.Snapshot(_run.Grant));
    }

    [SkippableFact]
    public async Task Opening_a_file_for_writing_without_changing_it_is_no_change()
    {
        Seed();
        var before = Sandboxed.Snapshot(_run.Grant);

        var result = await _run.RunAsync("python", "open('notes.txt', 'r+').close()\nimport os\nos.chmod('data.csv', 0o600)\nprint(open('notes.txt').read())");

        Assert.Contains("Files: no changes", result, StringComparison.Ordinal);
        Assert.Contains("first", result, StringComparison.Ordinal);
        Assert.Equal(before, Sandboxed.Snapshot(_run.Grant));
    }
}
