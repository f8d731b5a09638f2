namespace Cowork.Files.Tests;

public sealed class WorkspaceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cowork-ws-").FullName;
    private readonly string _grant;
    private readonly string _outside;
    private readonly Workspace _workspace;

    public WorkspaceTests()
    {
        _grant = Directory.CreateDirectory(Path.Combine(_root, "granted")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        File.WriteAllText(Path.Combine(_outside, "canary.txt"), "canary");
        File.WriteAllText(Path.Combine(_grant, "a.txt"), "a");
        Directory.CreateDirectory(Path.Combine(_grant, "sub"));
        _workspace = new Workspace([new FolderGrant(_grant, FolderAccess.ReadWrite)], [Path.Combine(_grant, "cowork-home")]);
    }

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("a.txt")]
    [InlineData("sub")]
    [InlineData("sub/../a.txt")]
    [InlineData("./sub/new-file.txt")]
    [InlineData(".")]
    public void Paths_beneath_the_grant_resolve(string path)
    {
        var resolved = _workspace.Resolve(path);
        Assert.True(Workspace.IsBeneath(resolved.FullPath, _grant));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../outside/canary.txt")]
    [InlineData("sub/../../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public void Paths_outside_every_grant_are_refused_naming_the_grants(string path)
    {
        var error = Assert.Throws<ToolException>(() => _workspace.Resolve(path));
        Assert.Contains("granted", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_sibling_folder_with_the_grant_as_prefix_is_outside()
    {
        var sibling = Directory.CreateDirectory(_grant + "-evil").FullName;
        Assert.Throws<ToolException>(() => _workspace.Resolve(Path.Combine(sibling, "x")));
    }

    [Fact]
    public void Symbolic_links_inside_a_grant_do_not_lead_outside()
    {
        Directory.CreateSymbolicLink(Path.Combine(_grant, "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_grant, "canary-link.txt"), Path.Combine(_outside, "canary.txt"));

        var through = _workspace.Resolve("escape/canary.txt");
        Assert.Throws<FolderRootException>(() => _workspace.Root(through).OpenRead(through.Path).Dispose());
        var link = _workspace.Resolve("canary-link.txt");
        Assert.Equal(EntryKind.SymbolicLink, _workspace.Root(link).Stat(link.Path)!.Kind);
        Assert.Throws<FolderRootException>(() => _workspace.Root(link).OpenRead(link.Path).Dispose());
        Assert.Equal("canary", File.ReadAllText(Path.Combine(_outside, "canary.txt")));
    }

    [Theory]
    [InlineData(".git/hooks/pre-commit")]
    [InlineData("project/.git/config")]
    [InlineData(".bashrc")]
    [InlineData("sub/.zshrc")]
    [InlineData(".cowork-trash/t1/abc")]
    [InlineData("cowork-home/config.json")]
    public void Protected_names_are_never_writable(string path) =>
        Assert.Throws<ToolException>(() => _workspace.Resolve(path, forWriting: true));

    [Fact]
    public void Read_only_grants_refuse_writing()
    {
        var workspace = new Workspace([new FolderGrant(_grant, FolderAccess.ReadOnly)]);
        Assert.NotNull(workspace.Resolve("a.txt"));
        var error = Assert.Throws<ToolException>(() => workspace.Resolve("a.txt", forWriting: true));
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }
}
