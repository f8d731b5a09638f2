using System.Text;

namespace Cowork.Files.Tests;

/// <summary>Every kind of change, then undo: the folder is back byte for byte, modification times included.</summary>
public sealed class ChangeUndoTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("cowork-undo-").FullName;
    private readonly string _folder;
    private readonly string _journal;

    public ChangeUndoTests()
    {
        _folder = Directory.CreateDirectory(Path.Combine(_home, "folder")).FullName;
        _journal = Path.Combine(_home, "task", ChangeJournal.FileName);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Workspace Open() => new([new FolderGrant(_folder, FolderAccess.ReadWrite)], [], w => new FileChanges(w, _journal, "t1"));

    private void Touch(string name, string content, DateTime modified)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTime(path, modified);
    }

    private SortedDictionary<string, string> Snapshot()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(_folder, file);
            if (!relative.StartsWith(Workspace.TrashFolderName, StringComparison.Ordinal))
            {
                result[relative] = $"{File.ReadAllText(file)} @ {File.GetLastWriteTimeUtc(file):O}";
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(_folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_folder, folder);
            if (!relative.StartsWith(Workspace.TrashFolderName, StringComparison.Ordinal))
            {
                result[relative + "/"] = "";
            }
        }

        return result;
    }

    [Fact]
    public void Undo_reverses_creates_overwrites_moves_copies_deletes_and_folders()
    {
        Touch("keep.txt", "unchanged", new DateTime(2020, 1, 1, 8, 0, 0, DateTimeKind.Local));
        Touch("report.txt", "version 1", new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Local));
        Touch("old/notes.md", "notes", new DateTime(2022, 3, 4, 5, 6, 7, DateTimeKind.Local));
        Touch("junk.tmp", "junk", new DateTime(2019, 5, 6, 7, 8, 9, DateTimeKind.Local));
        var before = Snapshot();

        using (var workspace = Open())
        {
            var changes = workspace.Changes!;
            changes.Write(workspace.Resolve("new/summary.txt", forWriting: true), Encoding.UTF8.GetBytes("summary"), overwrite: false);
            changes.Write(workspace.Resolve("report.txt", forWriting: true), Encoding.UTF8.GetBytes("version 2"), overwrite: true);
            changes.Move(workspace.Resolve("old/notes.md", forWriting: true), workspace.Resolve("archive/notes.md", forWriting: true));
            changes.MakeFolders(workspace.Resolve("archive/2024/q1", forWriting: true));
            changes.Copy(workspace.Resolve("keep.txt"), workspace.Resolve("archive/keep copy.txt", forWriting: true));
            changes.Delete(workspace.Resolve("junk.tmp", forWriting: true));
        }

        Assert.NotEqual(before, Snapshot());
        Assert.False(File.Exists(Path.Combine(_folder, "junk.tmp")));

        var steps = ChangeUndo.Run(_journal, dryRun: false);

        Assert.DoesNotContain(steps, s => s.Outcome is UndoOutcome.Conflict or UndoOutcome.Failed);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_streamed_write_is_journaled_like_any_write_and_leaves_nothing_staged()
    {
        Touch("data.csv", "old rows", new DateTime(2021, 2, 3, 4, 5, 6, DateTimeKind.Local));
        var before = Snapshot();
        using (var workspace = Open())
        {
            var changes = workspace.Changes!;
            changes.Write(workspace.Resolve("out/big.csv", forWriting: true), s => WriteLines(s, 100_000), overwrite: false);
            changes.Write(workspace.Resolve("data.csv", forWriting: true), s => s.Write("new rows"u8), overwrite: true);
            var failing = workspace.Resolve("half.csv", forWriting: true);
            Assert.Throws<ToolException>(() => changes.Write(failing, s =>
            {
                WriteLines(s, 10);
                throw new ToolException("the transform failed half-way");
            }, overwrite: false));
        }

        Assert.Equal(100_000 * "row 00000\n".Length, new FileInfo(Path.Combine(_folder, "out", "big.csv")).Length);
        Assert.Equal("new rows", File.ReadAllText(Path.Combine(_folder, "data.csv")));
        Assert.False(File.Exists(Path.Combine(_folder, "half.csv")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_folder, Workspace.TrashFolderName), "*staged*", SearchOption.AllDirectories));

        var steps = ChangeUndo.Run(_journal, dryRun: false);
        Assert.DoesNotContain(steps, s => s.Outcome is UndoOutcome.Conflict or UndoOutcome.Failed);
        Assert.Equal(before, Snapshot());

        static void WriteLines(Stream stream, int count)
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            for (var i = 0; i < count; i++)
            {
                writer.Write($"row {i:00000}\n");
            }
        }
    }

    [Fact]
    public void A_dry_run_changes_nothing_and_lists_what_undo_would_do()
    {
        Touch("a.txt", "a", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Local));
        using (var workspace = Open())
        {
            workspace.Changes!.Move(workspace.Resolve("a.txt", forWriting: true), workspace.Resolve("b.txt", forWriting: true));
        }

        var after = Snapshot();
        var steps = ChangeUndo.Run(_journal, dryRun: true);

        Assert.Equal(after, Snapshot());
        Assert.Contains(steps, s => s.Outcome == UndoOutcome.WouldReverse && s.What.Kind == ChangeKind.Move);
    }

    [Fact]
    public void A_file_edited_after_the_task_is_kept_and_reported()
    {
        Touch("report.txt", "version 1", new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Local));
        using (var workspace = Open())
        {
            workspace.Changes!.Write(workspace.Resolve("report.txt", forWriting: true), Encoding.UTF8.GetBytes("version 2"), overwrite: true);
        }

        File.WriteAllText(Path.Combine(_folder, "report.txt"), "the person's version 3");
        var steps = ChangeUndo.Run(_journal, dryRun: false);

        Assert.Equal("the person's version 3", File.ReadAllText(Path.Combine(_folder, "report.txt")));
        Assert.Contains(steps, s => s.Outcome == UndoOutcome.Conflict);
    }

    [Fact]
    public void Overwriting_needs_consent_and_hard_linked_files_are_refused()
    {
        Touch("a.txt", "a", DateTime.Now);
        TestNative.HardLink(Path.Combine(_folder, "a.txt"), Path.Combine(_folder, "b.txt"));
        using var workspace = Open();

        Assert.Throws<ToolException>(() => workspace.Changes!.Write(workspace.Resolve("a.txt", forWriting: true), "x"u8.ToArray(), overwrite: false));
        Assert.Contains("hard links", Assert.Throws<ToolException>(() =>
            workspace.Changes!.Write(workspace.Resolve("a.txt", forWriting: true), "x"u8.ToArray(), overwrite: true)).Message, StringComparison.Ordinal);
        Assert.Equal("a", File.ReadAllText(Path.Combine(_folder, "b.txt")));
    }

    [Fact]
    public void A_torn_last_journal_line_is_ignored()
    {
        Touch("a.txt", "a", DateTime.Now);
        using (var workspace = Open())
        {
            workspace.Changes!.Move(workspace.Resolve("a.txt", forWriting: true), workspace.Resolve("b.txt", forWriting: true));
        }

        File.AppendAllText(_journal, "{\"op\":\"intent\",\"id\":9,\"chan");
        ChangeUndo.Run(_journal, dryRun: false);

        Assert.True(File.Exists(Path.Combine(_folder, "a.txt")));
    }
}
