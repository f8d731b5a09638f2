using System.Text;

namespace Cowork.Files.Tests;

/// <summary>
/// Go's <c>os.Root</c> escape table (<see cref="EscapeCase.All"/>) against every <see cref="IFolderRoot"/> operation and
/// both implementations; after each row the OUT canary beside the root must be byte-for-byte and time-for-time unchanged.
/// </summary>
public sealed class FolderRootEscapeTests
{
    private const string Stat = nameof(IFolderRoot.Stat);
    private const string List = nameof(IFolderRoot.List);
    private const string OpenRead = nameof(IFolderRoot.OpenRead);
    private const string CreateDirectory = nameof(IFolderRoot.CreateDirectory);
    private const string RenameFrom = "RenameFrom";
    private const string RenameTo = "RenameTo";
    private const string Remove = nameof(IFolderRoot.Remove);
    private const string WriteAtomic = nameof(IFolderRoot.WriteAtomic);
    private const string SetModified = nameof(IFolderRoot.SetModified);
    private const string SyncDirectory = nameof(IFolderRoot.SyncDirectory);

    private static readonly string[] Operations =
        [Stat, List, OpenRead, CreateDirectory, RenameFrom, RenameTo, Remove, WriteAtomic, SetModified, SyncDirectory];

    private static readonly DateTimeOffset When = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(1234567);

    public static TheoryData<string, string, string> Rows
    {
        get
        {
            var rows = new TheoryData<string, string, string>();
            foreach (var implementation in RootImplementations.Available)
            {
                foreach (var test in EscapeCase.All)
                {
                    foreach (var operation in Operations)
                    {
                        rows.Add(implementation, test.Name, operation);
                    }
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Escape_table(string implementation, string name, string operation)
    {
        var test = EscapeCase.All.Single(c => c.Name == name);
        using var scratch = new RootScratch(test.Layout);
        var path = RelativePath.Parse(test.Open);
        var kernel = implementation == RootImplementations.Kernel;
        var parentRefusal = kernel ? test.KernelParent : test.PortableParent;
        var link = test.FinalLink ? scratch.InRoot(path.ToString()) : null;
        var linkText = link is null ? null : new FileInfo(link).LinkTarget;

        var target = test.Target is null ? null : Path.Combine(scratch.Base, test.Target);
        if (target is not null && !Path.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (operation is List or SyncDirectory)
            {
                Directory.CreateDirectory(target);
                File.WriteAllText(Path.Combine(target, "found"), "found");
            }
            else if (operation is Stat or OpenRead or SetModified or Remove or RenameFrom || test.FinalLink)
            {
                File.WriteAllText(target, "target");
            }
        }

        File.WriteAllText(scratch.InRoot("source"), "source");
        var canary = scratch.Canary();
        var targetBefore = Snapshot(target);

        using (var root = RootImplementations.Open(implementation, scratch.Root))
        {
            switch (operation)
            {
                case Stat when parentRefusal == FolderRootReason.NotFound:
                    Assert.Null(root.Stat(path));
                    break;
                case Stat when parentRefusal is { } refusal:
                    Refused(refusal, path, () => root.Stat(path));
                    break;
                case Stat:
                    var status = root.Stat(path);
                    Assert.NotNull(status);
                    Assert.Equal(test.FinalLink ? EntryKind.SymbolicLink : EntryKind.File, status.Kind);
                    Assert.Equal(test.FinalLink ? status.Size : "target".Length, status.Size);
                    break;

                case List or SyncDirectory when (parentRefusal ?? Followed(test, kernel)) is { } refusal:
                    Refused(refusal, path, () =>
                    {
                        if (operation == List)
                        {
                            root.List(path);
                        }
                        else
                        {
                            root.SyncDirectory(path);
                        }
                    });
                    break;
                case List:
                    var entries = root.List(path);
                    Assert.Equal(path.Append("found"), Assert.Single(entries).Path);
                    Assert.Equal(EntryKind.File, entries[0].Status.Kind);
                    break;
                case SyncDirectory:
                    root.SyncDirectory(path);
                    break;

                case OpenRead when (parentRefusal ?? (test.FinalLink ? FolderRootReason.SymbolicLink : null)) is { } refusal:
                    Refused(refusal, path, () => root.OpenRead(path).Dispose());
                    break;
                case OpenRead:
                    using (var stream = root.OpenRead(path))
                    using (var reader = new StreamReader(stream))
                    {
                        Assert.Equal("target", reader.ReadToEnd());
                    }

                    break;

                case WriteAtomic when (parentRefusal ?? (test.FinalLink ? FolderRootReason.SymbolicLink : null)) is { } refusal:
                    Refused(refusal, path, () => root.WriteAtomic(path, s => s.Write("written"u8), overwrite: true));
                    break;
                case WriteAtomic:
                    root.WriteAtomic(path, s => s.Write("written"u8), overwrite: true);
                    Assert.Equal("written", File.ReadAllText(target!));
                    break;

                case CreateDirectory when (parentRefusal ?? (test.FinalLink ? FolderRootReason.Exists : null)) is { } refusal:
                    Refused(refusal, path, () => root.CreateDirectory(path));
                    break;
                case CreateDirectory:
                    root.CreateDirectory(path);
                    Assert.Equal(EntryKind.Directory, LinkStatus(target!)?.Kind);
                    break;

                case RenameFrom when parentRefusal is { } refusal:
                    Refused(refusal, path, () => root.Rename(path, RelativePath.Parse("destination")));
                    break;
                case RenameFrom:
                    root.Rename(path, RelativePath.Parse("destination"));
                    Assert.Null(LinkStatus(link ?? target!));
                    if (link is not null)
                    {
                        Assert.Equal(linkText, new FileInfo(scratch.InRoot("destination")).LinkTarget);
                    }
                    else
                    {
                        Assert.Equal("target", File.ReadAllText(scratch.InRoot("destination")));
                    }

                    break;

                case RenameTo when (parentRefusal ?? (test.FinalLink ? FolderRootReason.Exists : null)) is { } refusal:
                    Refused(refusal, path, () => root.Rename(RelativePath.Parse("source"), path));
                    Assert.Equal("source", File.ReadAllText(scratch.InRoot("source")));
                    break;
                case RenameTo:
                    root.Rename(RelativePath.Parse("source"), path);
                    Assert.Equal("source", File.ReadAllText(target!));
                    Assert.False(File.Exists(scratch.InRoot("source")));
                    break;

                case Remove when parentRefusal is { } refusal:
                    Refused(refusal, path, () => root.Remove(path));
                    break;
                case Remove:
                    root.Remove(path);
                    Assert.Null(LinkStatus(link ?? target!));
                    break;

                case SetModified when (parentRefusal ?? (test.FinalLink && !kernel ? FolderRootReason.SymbolicLink : null)) is { } refusal:
                    Refused(refusal, path, () => root.SetModified(path, When));
                    break;
                case SetModified:
                    root.SetModified(path, When);
                    Assert.Equal(When, LinkStatus(link ?? target!)?.Modified);
                    break;

                default:
                    throw new InvalidOperationException(operation);
            }
        }

        if (test.FinalLink)
        {
            Assert.Equal(targetBefore, Snapshot(target)); // the operation acted on the link, never through it
        }

        Assert.Equal(canary, scratch.Canary());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../")]
    [InlineData("a/../..")]
    [InlineData("a/../../")]
    [InlineData("../ROOT/target")]
    [InlineData("a/../../ROOT/target")]
    [InlineData("/etc/passwd")]
    public void Lexical_escapes_are_refused_by_parse(string path)
    {
        // Go's "path escapes", "long path escapes", "path with dotdot slash" rows: they never reach a root.
        Assert.Throws<ArgumentException>(() => RelativePath.Parse(path));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Names_that_could_climb_cannot_be_appended(string name) =>
        Assert.Throws<ArgumentException>(() => RelativePath.Root.Append(Encoding.UTF8.GetBytes(name)));

    [Theory]
    [MemberData(nameof(RootImplementations.All), MemberType = typeof(RootImplementations))]
    public void Magic_links_are_refused(string implementation)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // /proc/self/cwd is a magic link: RESOLVE_NO_MAGICLINKS (or the fallback's no-links rule) refuses it.
        using var root = RootImplementations.Open(implementation, "/proc/self");
        var path = RelativePath.Parse("cwd/x");
        var e = Assert.Throws<FolderRootException>(() => root.Stat(path));
        Assert.Contains(e.Reason, new[] { FolderRootReason.SymbolicLink, FolderRootReason.OutsideRoot });
        Assert.Equal(EntryKind.SymbolicLink, root.Stat(RelativePath.Parse("cwd"))?.Kind);
        e = Assert.Throws<FolderRootException>(() => root.List(RelativePath.Parse("root")));
        Assert.Contains(e.Reason, new[] { FolderRootReason.SymbolicLink, FolderRootReason.OutsideRoot });
    }

    private static FolderRootReason? Followed(EscapeCase test, bool kernel) =>
        !test.FinalLink ? null : kernel ? test.KernelFollow : FolderRootReason.SymbolicLink;

    private static void Refused(FolderRootReason reason, RelativePath path, Action action)
    {
        var e = Assert.Throws<FolderRootException>(action);
        Assert.Equal(reason, e.Reason);
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
    }

    private static EntryStatus? LinkStatus(string path) => PortableNative.Status(path, followFinal: false);

    private static string? Snapshot(string? path) =>
        path is null || LinkStatus(path) is not { } status ? null
        : status.Kind == EntryKind.File ? $"{status.Modified.UtcTicks} {File.ReadAllText(path)}"
        : $"{status.Kind} {status.Modified.UtcTicks}";
}
