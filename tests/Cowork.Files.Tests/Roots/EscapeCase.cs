namespace Cowork.Files.Tests;

/// <summary>
/// One row of the escape table, after Go's <c>rootTestCases</c> (golang/go src/os/root_test.go) plus rows aimed at
/// the OUT canary.
/// </summary>
/// <param name="Layout">The file system, in <see cref="RootScratch"/>'s notation.</param>
/// <param name="Open">The path the operation is given (parsed with <see cref="RelativePath.Parse"/>, which drops
/// trailing slashes and resolves "." and ".." lexically, so only links can take the kernel anywhere else).</param>
/// <param name="Target">Where following every link lands, relative to the scratch folder ("ROOT/…"); created by the
/// test when an operation needs something there. <see langword="null"/> when there is no such place in ROOT.</param>
/// <param name="FinalLink">Whether the last component is itself a symbolic link (Go's <c>ltarget</c>).</param>
/// <param name="KernelParent">How the openat2 root resolves the folders above the last component: <see langword="null"/>
/// when it resolves beneath the root, otherwise the reason it refuses.</param>
/// <param name="PortableParent">The same for the fallback root, which refuses every link.</param>
/// <param name="KernelFollow">For a final link, what following it does on the openat2 root (List, SyncDirectory).</param>
public sealed record EscapeCase(
    string Name,
    string[] Layout,
    string Open,
    string? Target,
    bool FinalLink = false,
    FolderRootReason? KernelParent = null,
    FolderRootReason? PortableParent = null,
    FolderRootReason? KernelFollow = null)
{
    private const FolderRootReason Outside = FolderRootReason.OutsideRoot;
    private const FolderRootReason Link = FolderRootReason.SymbolicLink;

    public static IReadOnlyList<EscapeCase> All { get; } =
    [
        // Go's rootTestCases (the ones whose path climbs lexically are in Lexical_escapes_are_refused_by_parse).
        new("plain path", [], "target", "ROOT/target"),
        new("path in directory", ["a/b/c/"], "a/b/c/target", "ROOT/a/b/c/target"),
        new("symlink", ["link => target"], "link", "ROOT/target", FinalLink: true),
        new("symlink dotdot slash", ["link => ../"], "link", null, FinalLink: true, KernelFollow: Outside),
        new("symlink ending in slash", ["dir/", "link => dir/"], "link/target", "ROOT/dir/target", PortableParent: Link),
        new("slash after symlink to file", ["link => ../ROOT/target"], "link/", "ROOT/target", FinalLink: true, KernelFollow: Outside),
        new("slash after symlink to dir", ["link => ../ROOT/target", "target/"], "link/", null, FinalLink: true, KernelFollow: Outside),
        new("symlink dotdot dotdot slash", ["dir/link => ../../"], "dir/link", null, FinalLink: true, KernelFollow: Outside),
        new(
            "symlink chain",
            ["link => a/b/c/target", "a/b => e", "a/e => ../f", "f => g/h/i", "g/h/i => ..", "g/c/"],
            "link",
            "ROOT/g/c/target",
            FinalLink: true),
        new("path with dot", ["a/b/"], "./a/./b/./target", "ROOT/a/b/target"),
        new("path with dotdot", ["a/b/"], "a/../a/b/../../a/b/../b/target", "ROOT/a/b/target"),
        new("dotdot no symlink", ["a/"], "a/../target", "ROOT/target"),

        // RelativePath.Parse resolves ".." lexically before any link is seen (as Go does on Windows).
        new("dotdot after symlink", ["a => b/c", "b/c/"], "a/../target", "ROOT/target"),
        new("dotdot before symlink", ["a => b/c", "b/c/"], "b/../a/target", "ROOT/b/c/target", PortableParent: Link),
        new("symlink ends in dot", ["a => b/.", "b/"], "a/target", "ROOT/b/target", PortableParent: Link),
        new(
            "directory does not exist",
            [],
            "a/file",
            null,
            KernelParent: FolderRootReason.NotFound,
            PortableParent: FolderRootReason.NotFound),
        new("symlink cycle", ["a => a"], "a", null, FinalLink: true, KernelFollow: Link),
        new("absolute symlink", ["link => $ROOT/target"], "link", "ROOT/target", FinalLink: true, KernelFollow: Outside),
        new("relative symlink", ["link => ../ROOT/target"], "link", "ROOT/target", FinalLink: true, KernelFollow: Outside),
        new(
            "symlink chain escapes",
            ["link => a/b/c/target", "a/b => e", "a/e => ../../ROOT", "c/"],
            "link",
            "ROOT/c/target",
            FinalLink: true,
            KernelFollow: Outside),

        // Aimed at the canary.
        new("absolute symlink to outside file", ["link => $OUT/target"], "link", null, FinalLink: true, KernelFollow: Outside),
        new("relative symlink to outside file", ["link => ../OUT/target"], "link", null, FinalLink: true, KernelFollow: Outside),
        new("absolute symlink to outside folder in path", ["dir => $OUT"], "dir/target", null, KernelParent: Outside, PortableParent: Link),
        new("relative symlink to outside folder in path", ["dir => ../OUT"], "dir/target", null, KernelParent: Outside, PortableParent: Link),
        new("symlink chain to outside", ["link1 => link2", "link2 => ../OUT"], "link1/target", null, KernelParent: Outside, PortableParent: Link),
        new(
            "dotdot after symlink inside a link",
            ["a/b/", "link => a/b", "up => link/../../../OUT"],
            "up/target",
            null,
            KernelParent: Outside,
            PortableParent: Link),
        new(
            "dotdot inside a link that stays inside",
            ["a/b/", "link => a/b/../b"],
            "link/target",
            "ROOT/a/b/target",
            PortableParent: Link),
        new("symlink loop in path", ["a => b", "b => a"], "a/target", null, KernelParent: Link, PortableParent: Link),
        new(
            "symlink to file in path",
            ["file", "link => file"],
            "link/target",
            null,
            KernelParent: FolderRootReason.NotADirectory,
            PortableParent: Link),
        new(
            "file in path",
            ["file"],
            "file/target",
            null,
            KernelParent: FolderRootReason.NotADirectory,
            PortableParent: FolderRootReason.NotADirectory),
        new("trailing slashes", ["a/b/"], "a/b/target//", "ROOT/a/b/target"),
        new("symlink to outside folder with trailing slash", ["dir => ../OUT/"], "dir/", null, FinalLink: true, KernelFollow: Outside),
    ];

    public override string ToString() => Name;
}
