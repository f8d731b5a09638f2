using System.Globalization;
using System.Text;
using MetadataExtractor;

namespace Cowork.Files;

/// <summary>What file_info tells: kind, size, dates, links, and the metadata inside photos and documents.</summary>
public static class FileInspector
{
    private const int MaxTags = 25;

    public static string Describe(IFolderRoot root, RelativePath path, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(root);
        var status = root.Stat(path) ?? throw new ToolException($"{displayPath} does not exist.");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{displayPath}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  kind: {status.Kind switch { EntryKind.File => FileKinds.CategoryOf(path.Name) + " file", EntryKind.Directory => "folder", EntryKind.SymbolicLink => "symbolic link (not followed)", _ => "special file (FIFO, socket or device)" }}");
        if (status.Kind == EntryKind.File)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  size: {FolderListing.Size(status.Size)} ({status.Size:N0} bytes)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  modified: {status.Modified.LocalDateTime:yyyy-MM-dd HH:mm:ss}");
        if (status.LinkCount > 1 && status.Kind == EntryKind.File)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  hard links: {status.LinkCount} (Cowork will not write it)");
        }

        if (status.Kind != EntryKind.File)
        {
            return text.ToString().TrimEnd();
        }

        var (date, source) = ContentDates.Of(root, path, status);
        text.AppendLine(CultureInfo.InvariantCulture, $"  dated: {date:yyyy-MM-dd} (from {source})");
        if (FileKinds.CategoryOf(path.Name) == "Images")
        {
            AppendImageMetadata(root, path, text);
        }

        return text.ToString().TrimEnd();
    }

    private static void AppendImageMetadata(IFolderRoot root, RelativePath path, StringBuilder text)
    {
        try
        {
            using var stream = root.OpenRead(path);
            var tags = ImageMetadataReader.ReadMetadata(stream)
                .SelectMany(d => d.Tags.Select(t => (Directory: d.Name, t.Name, t.Description)))
                .Where(t => t.Description is { Length: > 0 and < 200 })
                .Take(MaxTags);
            foreach (var (directory, name, description) in tags)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {directory} / {name}: {description}");
            }
        }
        catch (Exception ex) when (ex is IOException or ImageProcessingException or ArgumentException)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  (its image metadata cannot be read: {ex.Message})");
        }
    }
}
