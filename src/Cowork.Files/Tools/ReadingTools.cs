using System.ComponentModel;

namespace Cowork.Files;

/// <summary>The tools that only read.</summary>
internal sealed class ReadingTools(Workspace workspace)
{
    public string ListFolder(
        [Description("The folder: absolute, or relative to a granted folder.")] string path,
        [Description("Levels to descend, 1-5.")] int depth = 1,
        [Description("Page of entries, from 1.")] int page = 1)
    {
        var folder = workspace.Resolve(path);
        return FolderListing.Describe(workspace.Root(folder), folder.Path, folder.FullPath, depth, page);
    }

    public string ReadFile(
        [Description("The file: absolute, or relative to a granted folder.")] string path,
        [Description("First line to show, from 1.")] int first_line = 1,
        [Description("How many lines, up to 2000.")] int line_count = 200)
    {
        var file = workspace.Resolve(path);
        return TextFileReader.Read(workspace.Root(file), file.Path, file.FullPath, first_line, line_count);
    }

    public string SearchFiles(
        [Description("The folder to search, with its subfolders.")] string path,
        [Description("Name pattern, e.g. *.pdf or notes/*.md.")] string pattern = "*",
        [Description("Optional text the lines must contain (case-insensitive).")] string? contains = null,
        [Description("Most results, up to 1000.")] int max_results = 100,
        CancellationToken cancellationToken = default)
    {
        var folder = workspace.Resolve(path);
        return FileSearch.Search(workspace.Root(folder), folder.Path, folder.FullPath, pattern, contains, max_results, cancellationToken);
    }

    public string FileInfo([Description("The file or folder: absolute, or relative to a granted folder.")] string path)
    {
        var file = workspace.Resolve(path);
        return FileInspector.Describe(workspace.Root(file), file.Path, file.FullPath);
    }
}
