using System.Text;

namespace Cowork.Files.Tests;

/// <summary>What each <see cref="IFolderRoot"/> operation does inside the root, on both implementations.</summary>
public sealed class FolderRootBehaviourTests
{
    private static readonly byte[] NotUtf8 = [0x66, 0xff, 0x2e, 0x74];
    private static readonly byte[] OtherNotUtf8 = [0x67, 0xfe, 0xc0];

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void Opening_a_missing_folder_or_a_file_is_a_clear_error(string implementation)
    {
        using var scratch = new RootScratch("file.txt");
        var missing = Assert.Throws<FolderRootException>(() => RootImplementations.Open(implementation, scratch.InRoot("missing")));
        Assert.Equal(FolderRootReason.NotFound, missing.Reason);
        Assert.Contains(scratch.InRoot("missing"), missing.Message, StringComparison.Ordinal);

        var file = Assert.Throws<FolderRootException>(() => RootImplementations.Open(implementation, scratch.InRoot("file.txt")));
        Assert.Equal(FolderRootReason.NotADirectory, file.Reason);

        Assert.Throws<ArgumentException>(() => FolderRoot.Open("relative/path"));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void Stat_and_list_describe_entries_without_following_links(string implementation)
    {
        using var scratch = new RootScratch("docs/a.txt", "docs/sub/", "docs/link => a.txt");
        using var root = RootImplementations.Open(implementation, scratch.Root);
        Assert.Equal(scratch.Root, root.RootPath);
        Assert.Equal(EntryKind.Directory, root.Stat(RelativePath.Root)?.Kind);
        Assert.Null(root.Stat(RelativePath.Parse("nothing")));
        Assert.Null(root.Stat(RelativePath.Parse("nothing/below")));

        var entries = root.List(RelativePath.Parse("docs")).OrderBy(e => e.Path.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["a.txt", "link", "sub"], entries.Select(e => e.Path.ToString()[5..]));
        Assert.Equal([EntryKind.File, EntryKind.SymbolicLink, EntryKind.Directory], entries.Select(e => e.Status.Kind));
        Assert.Equal("docs/a.txt".Length, entries[0].Status.Size);
        Assert.Equal(1, entries[0].Status.LinkCount);
        Assert.NotEqual(0UL, entries[0].Status.Inode);
        Assert.Equal(File.GetLastWriteTimeUtc(scratch.InRoot("docs/a.txt")), entries[0].Status.Modified.UtcDateTime);
        Assert.Equal(entries[0].Status, root.Stat(RelativePath.Parse("docs/a.txt")));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void Folders_are_created_renamed_and_removed_without_replacing_anything(string implementation)
    {
        using var scratch = new RootScratch("a.txt", "b.txt", "full/x.txt");
        using var root = RootImplementations.Open(implementation, scratch.Root);

        root.CreateDirectory(RelativePath.Parse("new"));
        Assert.True(Directory.Exists(scratch.InRoot("new")));
        Assert.Equal(FolderRootReason.Exists, Refused(() => root.CreateDirectory(RelativePath.Parse("new"))).Reason);
        Assert.Equal(FolderRootReason.Exists, Refused(() => root.CreateDirectory(RelativePath.Parse("a.txt"))).Reason);
        Assert.Equal(FolderRootReason.NotFound, Refused(() => root.CreateDirectory(RelativePath.Parse("no/such"))).Reason);

        var exists = Refused(() => root.Rename(RelativePath.Parse("a.txt"), RelativePath.Parse("b.txt")));
        Assert.Equal(FolderRootReason.Exists, exists.Reason);
        Assert.Contains("'a.txt'", exists.Message, StringComparison.Ordinal);
        Assert.Contains("'b.txt'", exists.Message, StringComparison.Ordinal);
        Assert.Equal("a.txt", File.ReadAllText(scratch.InRoot("a.txt")));
        Assert.Equal("b.txt", File.ReadAllText(scratch.InRoot("b.txt")));

        root.Rename(RelativePath.Parse("a.txt"), RelativePath.Parse("new/moved.txt"));
        Assert.Equal("a.txt", File.ReadAllText(scratch.InRoot("new/moved.txt")));
        root.Rename(RelativePath.Parse("new"), RelativePath.Parse("renamed"));
        Assert.True(File.Exists(scratch.InRoot("renamed/moved.txt")));
        Assert.Equal(FolderRootReason.NotFound, Refused(() => root.Rename(RelativePath.Parse("gone"), RelativePath.Parse("x"))).Reason);
        Refused(() => root.Rename(RelativePath.Parse("renamed"), RelativePath.Parse("renamed/inside")));

        Assert.Equal(FolderRootReason.DirectoryNotEmpty, Refused(() => root.Remove(RelativePath.Parse("full"))).Reason);
        root.Remove(RelativePath.Parse("full/x.txt"));
        root.Remove(RelativePath.Parse("full"));
        Assert.False(Directory.Exists(scratch.InRoot("full")));
        Assert.Equal(FolderRootReason.NotFound, Refused(() => root.Remove(RelativePath.Parse("full"))).Reason);
        Assert.Equal(FolderRootReason.PermissionDenied, Refused(() => root.Remove(RelativePath.Root)).Reason);

        var when = new DateTimeOffset(1999, 12, 31, 23, 59, 58, TimeSpan.Zero);
        root.SetModified(RelativePath.Parse("renamed"), when);
        root.SetModified(RelativePath.Parse("b.txt"), when);
        Assert.Equal(when, root.Stat(RelativePath.Parse("renamed"))?.Modified);
        Assert.Equal(when, root.Stat(RelativePath.Parse("b.txt"))?.Modified);
        root.SyncDirectory(RelativePath.Root);
        root.SyncDirectory(RelativePath.Parse("renamed"));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void Write_atomic_creates_and_replaces_whole_files(string implementation)
    {
        using var scratch = new RootScratch("sub/");
        using var root = RootImplementations.Open(implementation, scratch.Root);
        var path = RelativePath.Parse("sub/report.txt");

        root.WriteAtomic(path, s => s.Write("first"u8), overwrite: false);
        Assert.Equal("first", File.ReadAllText(scratch.InRoot("sub/report.txt")));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(scratch.InRoot("sub/report.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        root.WriteAtomic(path, s => s.Write("second, longer"u8), overwrite: true);
        Assert.Equal("second, longer", File.ReadAllText(scratch.InRoot("sub/report.txt")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(scratch.InRoot("sub/report.txt")));
        }

        // A callback that disposes the stream itself still gets its bytes committed.
        root.WriteAtomic(path, s =>
        {
            s.Write("third"u8);
            s.Dispose();
        }, overwrite: true);
        using (var stream = root.OpenRead(path))
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("third", reader.ReadToEnd());
        }

        Assert.Equal(FolderRootReason.IsADirectory, Refused(() => root.WriteAtomic(RelativePath.Parse("sub"), s => { }, overwrite: true)).Reason);
        Assert.Equal(FolderRootReason.IsADirectory, Refused(() => root.OpenRead(RelativePath.Parse("sub")).Dispose()).Reason);
        Assert.Equal(FolderRootReason.NotFound, Refused(() => root.OpenRead(RelativePath.Parse("sub/none")).Dispose()).Reason);
        Assert.Equal(FolderRootReason.NotFound, Refused(() => root.WriteAtomic(RelativePath.Parse("none/x"), s => { }, overwrite: true)).Reason);
        Assert.Empty(Directory.GetFiles(scratch.InRoot("sub"), ".cowork-tmp-*"));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void Write_atomic_without_overwrite_keeps_the_existing_file(string implementation)
    {
        using var scratch = new RootScratch("keep.txt");
        using var root = RootImplementations.Open(implementation, scratch.Root);
        var called = false;
        var e = Refused(() => root.WriteAtomic(RelativePath.Parse("keep.txt"), s =>
        {
            called = true;
            s.Write("new"u8);
        }, overwrite: false));
        Assert.Equal(FolderRootReason.Exists, e.Reason);
        Assert.Contains("'keep.txt'", e.Message, StringComparison.Ordinal);
        Assert.False(called);
        Assert.Equal("keep.txt", File.ReadAllText(scratch.InRoot("keep.txt")));
        Assert.Empty(Directory.GetFiles(scratch.Root, ".cowork-tmp-*"));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void A_write_that_fails_midway_leaves_the_old_file_and_no_temporary(string implementation)
    {
        using var scratch = new RootScratch("keep.txt");
        using var root = RootImplementations.Open(implementation, scratch.Root);
        var big = new byte[1 << 20];
        var thrown = Assert.Throws<InvalidOperationException>(() => root.WriteAtomic(RelativePath.Parse("keep.txt"), s =>
        {
            s.Write(big);
            s.Write("half"u8);
            throw new InvalidOperationException("the generator crashed");
        }, overwrite: true));
        Assert.Equal("the generator crashed", thrown.Message);
        Assert.Equal("keep.txt", File.ReadAllText(scratch.InRoot("keep.txt")));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(scratch.Root).Select(Path.GetFileName));

        // A new file that fails midway leaves nothing at all.
        Assert.Throws<InvalidOperationException>(() => root.WriteAtomic(RelativePath.Parse("new.txt"), s =>
        {
            s.Write(big);
            throw new InvalidOperationException("again");
        }, overwrite: false));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(scratch.Root).Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void Names_longer_than_255_bytes_are_refused_clearly(string implementation)
    {
        using var scratch = new RootScratch("dir/", "file.txt");
        using var root = RootImplementations.Open(implementation, scratch.Root);
        var longName = RelativePath.Parse(new string('a', 256));
        var longBelow = RelativePath.Parse("dir/" + new string('é', 128)); // 256 bytes, 128 characters
        foreach (var path in new[] { longName, longBelow })
        {
            Action[] operations =
            [
                () => root.Stat(path),
                () => root.List(path),
                () => root.OpenRead(path).Dispose(),
                () => root.CreateDirectory(path),
                () => root.Rename(RelativePath.Parse("file.txt"), path),
                () => root.Rename(path, RelativePath.Parse("other")),
                () => root.Remove(path),
                () => root.WriteAtomic(path, s => s.Write("x"u8), overwrite: false),
                () => root.SetModified(path, DateTimeOffset.UnixEpoch),
                () => root.SyncDirectory(path),
            ];
            foreach (var operation in operations)
            {
                var e = Refused(operation);
                Assert.Equal(FolderRootReason.NameTooLong, e.Reason);
                Assert.Contains("too long", e.Message, StringComparison.Ordinal);
                Assert.Contains(path.ToString(), e.Message, StringComparison.Ordinal);
            }
        }

        // 255 bytes is allowed.
        var longest = RelativePath.Parse("dir/" + new string('b', 255));
        root.WriteAtomic(longest, s => s.Write("ok"u8), overwrite: false);
        Assert.Equal(EntryKind.File, root.Stat(longest)?.Kind);
        Assert.Equal("file.txt", File.ReadAllText(scratch.InRoot("file.txt")));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.KernelOnly), MemberType = typeof(RootImplementations))]
    public void Names_that_are_not_utf8_round_trip_exactly(string implementation)
    {
        if (!RootImplementations.KernelAvailable)
        {
            return;
        }

        using var scratch = new RootScratch();
        TestNative.WriteFile([.. Encoding.UTF8.GetBytes(scratch.Root + "/"), .. NotUtf8], "raw bytes"u8.ToArray());
        using var root = RootImplementations.Open(implementation, scratch.Root);

        var entry = Assert.Single(root.List(RelativePath.Root));
        Assert.Equal(NotUtf8, entry.Path.NameBytes.ToArray());
        Assert.False(entry.Path.IsValidUtf8);
        Assert.Equal(EntryKind.File, entry.Status.Kind);

        var other = RelativePath.Root.Append(OtherNotUtf8);
        root.Rename(entry.Path, other);
        Assert.Equal(OtherNotUtf8, Assert.Single(root.List(RelativePath.Root)).Path.NameBytes.ToArray());
        root.Rename(other, entry.Path);
        Assert.Equal(NotUtf8, Assert.Single(root.List(RelativePath.Root)).Path.NameBytes.ToArray());

        using (var stream = root.OpenRead(entry.Path))
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("raw bytes", reader.ReadToEnd());
        }

        root.WriteAtomic(entry.Path, s => s.Write("rewritten"u8), overwrite: true);
        using (var stream = root.OpenRead(entry.Path))
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("rewritten", reader.ReadToEnd());
        }

        var folder = RelativePath.Root.Append(OtherNotUtf8);
        root.CreateDirectory(folder);
        root.Rename(entry.Path, folder.Append(NotUtf8));
        Assert.Equal(folder.Append(NotUtf8), Assert.Single(root.List(folder)).Path);
        root.Remove(folder.Append(NotUtf8));
        root.Remove(folder);
        Assert.Empty(root.List(RelativePath.Root));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void The_fallback_refuses_names_it_cannot_address(string implementation)
    {
        if (implementation != RootImplementations.Portable)
        {
            return;
        }

        using var scratch = new RootScratch();
        using var root = RootImplementations.Open(implementation, scratch.Root);
        var e = Refused(() => root.WriteAtomic(RelativePath.Root.Append(NotUtf8), s => { }, overwrite: true));
        Assert.Equal(FolderRootReason.Other, e.Reason);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(scratch.Root));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void A_disposed_root_refuses_further_use(string implementation)
    {
        using var scratch = new RootScratch();
        var root = RootImplementations.Open(implementation, scratch.Root);
        root.Dispose();
        root.Dispose();
        Assert.Throws<ObjectDisposedException>(() => root.Stat(RelativePath.Root));
    }

    private static FolderRootException Refused(Action action) => Assert.Throws<FolderRootException>(action);
}
