using System.Net.Sockets;
using Xunit.Abstractions;

namespace Cowork.Files.Tests;

/// <summary>FIFOs, sockets, devices and hard links: refused without blocking, and nothing changes.</summary>
public sealed class FolderRootSpecialFileTests(ITestOutputHelper output)
{
    // Generous: a regression that blocks on a FIFO fails here instead of hanging the run.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public async Task Special_files_are_refused_without_blocking(string implementation)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var scratch = new RootScratch();
        TestNative.MakeFifo(scratch.InRoot("fifo"));

        // Kept open: disposing a bound socket makes .NET delete its file.
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(scratch.InRoot("socket")));

        var names = new List<string> { "fifo", "socket" };
        if (TestNative.TryMakeNullDevice(scratch.InRoot("null")))
        {
            names.Add("null");
        }

        output.WriteLine($"special files under test: {string.Join(", ", names)}");
        using var root = RootImplementations.Open(implementation, scratch.Root);
        var listed = root.List(RelativePath.Root).ToDictionary(e => e.Path.Name, e => e.Status.Kind);
        foreach (var name in names)
        {
            var path = RelativePath.Parse(name);
            Assert.Equal(EntryKind.Special, root.Stat(path)?.Kind);
            Assert.Equal(EntryKind.Special, listed[name]);

            var read = await Assert.ThrowsAsync<FolderRootException>(() => Task.Run(() => root.OpenRead(path).Dispose()).WaitAsync(Timeout));
            Assert.Equal(FolderRootReason.SpecialFile, read.Reason);
            Assert.Contains($"'{name}'", read.Message, StringComparison.Ordinal);

            var write = await Assert.ThrowsAsync<FolderRootException>(
                () => Task.Run(() => root.WriteAtomic(path, s => s.Write("x"u8), overwrite: true)).WaitAsync(Timeout));
            Assert.Equal(FolderRootReason.SpecialFile, write.Reason);
            Assert.Equal(EntryKind.Special, root.Stat(path)?.Kind);
        }

        // Renaming and removing act on the entry itself and never open it.
        root.Rename(RelativePath.Parse("fifo"), RelativePath.Parse("fifo2"));
        root.Remove(RelativePath.Parse("fifo2"));
        Assert.Null(root.Stat(RelativePath.Parse("fifo2")));
        Assert.Empty(Directory.GetFiles(scratch.Root, ".cowork-tmp-*"));
    }

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void A_hard_linked_file_is_not_written(string implementation)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var scratch = new RootScratch("a.txt");
        TestNative.HardLink(scratch.InRoot("a.txt"), scratch.InRoot("b.txt"));
        TestNative.HardLink(Path.Combine(scratch.Outside, "secret.txt"), scratch.InRoot("outside-inode.txt"));
        var canary = scratch.Canary(); // after linking: the link count of OUT/secret.txt is part of it

        using var root = RootImplementations.Open(implementation, scratch.Root);
        Assert.Equal(2, root.Stat(RelativePath.Parse("a.txt"))?.LinkCount);
        foreach (var name in new[] { "a.txt", "b.txt", "outside-inode.txt" })
        {
            var path = RelativePath.Parse(name);
            var e = Assert.Throws<FolderRootException>(() => root.WriteAtomic(path, s => s.Write("new"u8), overwrite: true));
            Assert.Equal(FolderRootReason.HardLinked, e.Reason);
            Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal("a.txt", File.ReadAllText(scratch.InRoot("a.txt")));
        Assert.Equal("a.txt", File.ReadAllText(scratch.InRoot("b.txt")));
        Assert.Empty(Directory.GetFiles(scratch.Root, ".cowork-tmp-*"));
        Assert.Equal(canary, scratch.Canary());
    }
}
