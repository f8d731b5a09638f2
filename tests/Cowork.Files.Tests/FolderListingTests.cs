namespace Cowork.Files.Tests;

public sealed class FolderListingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-list-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Summary_counts_kinds_and_entries_are_paged()
    {
        for (var i = 0; i < 250; i++)
        {
            File.WriteAllText(Path.Combine(_folder, $"photo{i:000}.jpg"), "x");
        }

        File.WriteAllText(Path.Combine(_folder, "notes.txt"), new string('n', 5000));

        using var root = FolderRoot.Open(_folder);
        var first = FolderListing.Describe(root, RelativePath.Root, _folder, depth: 1, page: 1);
        var second = FolderListing.Describe(root, RelativePath.Root, _folder, depth: 1, page: 2);

        Assert.Contains("251 files and 0 folders", first, StringComparison.Ordinal);
        Assert.Contains("By kind: Images 250", first, StringComparison.Ordinal);
        Assert.Contains("Largest file: notes.txt", first, StringComparison.Ordinal);
        Assert.Contains("page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("page=2", first, StringComparison.Ordinal);
        Assert.Contains("photo249.jpg", second, StringComparison.Ordinal);
        Assert.DoesNotContain("photo000.jpg", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_or_a_file_is_a_clear_error()
    {
        File.WriteAllText(Path.Combine(_folder, "f.txt"), "x");
        using var root = FolderRoot.Open(_folder);
        Assert.Contains("is a file", Assert.Throws<ToolException>(() => FolderListing.Describe(root, RelativePath.Parse("f.txt"), "f.txt", 1, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<ToolException>(() => FolderListing.Describe(root, RelativePath.Parse("g"), "g", 1, 1)).Message, StringComparison.Ordinal);
    }
}
