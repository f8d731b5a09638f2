namespace Cowork.Files.Tests;

public sealed class DuplicateFinderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-dupes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Touch(string name, string content, int year)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTime(path, new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Local));
    }

    [Fact]
    public void Identical_files_are_grouped_and_the_oldest_is_kept()
    {
        Touch("photo.jpg", "same bytes", 2020);
        Touch("photo (1).jpg", "same bytes", 2022);
        Touch("backup/photo.jpg", "same bytes", 2021);
        Touch("other.jpg", "same size!", 2020); // Same length, different bytes.
        Touch("empty-1.txt", "", 2020);
        Touch("empty-2.txt", "", 2020);

        using var root = FolderRoot.Open(_folder);
        var groups = DuplicateFinder.Find(root, RelativePath.Root, recursive: true, skip: null, CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal("photo.jpg", group.Keep.ToString());
        Assert.Equal(["backup/photo.jpg", "photo (1).jpg"], group.Copies.Select(c => c.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_recursion_subfolders_are_not_searched()
    {
        Touch("a.txt", "dup", 2020);
        Touch("sub/a.txt", "dup", 2021);

        using var root = FolderRoot.Open(_folder);
        Assert.Empty(DuplicateFinder.Find(root, RelativePath.Root, recursive: false, skip: null, CancellationToken.None));
    }
}
