namespace Cowork.Files.Tests;

public sealed class BatchRenamerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cowork-rename-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly DateTime March12 = new(2024, 3, 12, 10, 15, 0, DateTimeKind.Local);

    [Theory]
    [InlineData("{date} {name}", "IMG_4411.JPG", "keep", "2024-03-12 IMG_4411.JPG")]
    [InlineData("{date} {name}", "2024-03-12 beach.jpg", "keep", "2024-03-12 beach.jpg")]
    [InlineData("Trip {n:000}", "IMG_4411.jpg", "keep", "Trip 007.jpg")]
    [InlineData("{year}/{month}", "x.jpg", "keep", null)]
    [InlineData("{name}", "Résumé Final (v2).PDF", "slug", "resume-final-v2.pdf")]
    [InlineData("{name}", "Mixed Case.TXT", "lower", "mixed case.txt")]
    [InlineData("{year}-{month}-{day}_{name}.{ext}", "scan.pdf", "keep", "2024-03-12_scan.pdf")]
    public void Patterns_make_names(string pattern, string oldName, string letterCase, string? expected)
    {
        if (expected is null)
        {
            File.WriteAllText(Path.Combine(_folder, oldName), "x");
            using var root = FolderRoot.Open(_folder);
            Assert.Throws<ToolException>(() => BatchRenamer.Plan(root, RelativePath.Root, pattern, "*", letterCase));
            return;
        }

        Assert.Equal(expected, BatchRenamer.Apply(pattern, oldName, March12, 7, letterCase));
    }

    [Fact]
    public void Unknown_tokens_and_cases_are_clear_errors()
    {
        using var root = FolderRoot.Open(_folder);
        Assert.Contains("{size}", Assert.Throws<ToolException>(() => BatchRenamer.Plan(root, RelativePath.Root, "{size}", "*", "keep")).Message, StringComparison.Ordinal);
        Assert.Contains("keep, lower or slug", Assert.Throws<ToolException>(() => BatchRenamer.Plan(root, RelativePath.Root, "{name}", "*", "upper")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequence_numbers_follow_the_dates_and_only_matching_files_are_renamed()
    {
        foreach (var (name, day) in new[] { ("c.jpg", 3), ("a.jpg", 1), ("b.jpg", 2), ("notes.txt", 4) })
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, name);
            File.SetLastWriteTime(path, new DateTime(2024, 5, day, 0, 0, 0, DateTimeKind.Local));
        }

        using var root = FolderRoot.Open(_folder);
        var plan = BatchRenamer.Plan(root, RelativePath.Root, "Holiday {n:00}", "*.jpg", "keep");

        Assert.Equal(["a.jpg -> Holiday 01.jpg", "b.jpg -> Holiday 02.jpg", "c.jpg -> Holiday 03.jpg"], plan.Select(p => $"{p.Source.Name} -> {p.NewName}"));
    }
}
