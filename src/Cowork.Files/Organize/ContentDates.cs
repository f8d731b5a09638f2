using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace Cowork.Files;

/// <summary>
/// When a file is "from": the date a photo was taken (EXIF), the date a document was created (Office core
/// properties, PDF document information), a date in its name, or else its modification time, in that order.
/// </summary>
/// <remarks>A damaged or unreadable file falls through to the next source; this never throws for bad content.</remarks>
public static class ContentDates
{
    private static readonly XNamespace Terms = "http://purl.org/dc/terms/";
    private static readonly string[] ExifExtensions = [".jpg", ".jpeg", ".heic", ".heif", ".tif", ".tiff", ".png", ".webp", ".dng", ".cr2", ".nef", ".arw"];
    private static readonly string[] OfficeExtensions = [".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".pptm"];

    /// <summary>The date and its source: "photo taken", "document created", "name" or "modified".</summary>
    public static (DateTime Date, string Source) Of(IFolderRoot root, RelativePath path, EntryStatus status)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(status);
        var extension = Path.GetExtension(path.Name).ToLowerInvariant();
        if (ExifExtensions.Contains(extension) && Read(root, path, PhotoTaken) is { } taken)
        {
            return (taken, "photo taken");
        }

        if (OfficeExtensions.Contains(extension) && Read(root, path, DocumentCreated) is { } created)
        {
            return (created, "document created");
        }

        if (extension == ".pdf" && Read(root, path, PdfCreated) is { } made)
        {
            return (made, "document created");
        }

        if (FileDates.FromName(path.Name) is { } named)
        {
            return (named, "name");
        }

        return (status.Modified.LocalDateTime, "modified");
    }

    /// <summary>EXIF DateTimeOriginal (or DateTime), as the camera wrote it.</summary>
    public static DateTime? PhotoTaken(Stream stream)
    {
        var directories = ImageMetadataReader.ReadMetadata(stream);
        foreach (var directory in directories.OfType<ExifSubIfdDirectory>())
        {
            if (directory.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var original) && Plausible(original))
            {
                return original;
            }
        }

        foreach (var directory in directories.OfType<ExifIfd0Directory>())
        {
            if (directory.TryGetDateTime(ExifDirectoryBase.TagDateTime, out var stamped) && Plausible(stamped))
            {
                return stamped;
            }
        }

        return null;
    }

    /// <summary>dcterms:created from an Office Open XML package's docProps/core.xml.</summary>
    public static DateTime? DocumentCreated(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry("docProps/core.xml");
        if (entry is null || entry.Length > 1024 * 1024)
        {
            return null;
        }

        using var xml = entry.Open();
        var created = XDocument.Load(xml).Root?.Element(Terms + "created")?.Value;
        return DateTime.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            && Plausible(date) ? date.ToLocalTime() : null;
    }

    /// <summary>The creation date in a PDF's document information dictionary.</summary>
    public static DateTime? PdfCreated(Stream stream)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(stream);
        var created = document.Information.GetCreatedDateTimeOffset();
        return created is { } date && Plausible(date.LocalDateTime) ? date.LocalDateTime : null;
    }

    private static DateTime? Read(IFolderRoot root, RelativePath path, Func<Stream, DateTime?> reader)
    {
        try
        {
            using var stream = root.OpenRead(path);
            return reader(stream);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ImageProcessingException or System.Xml.XmlException
            or UnauthorizedAccessException or ArgumentException or UglyToad.PdfPig.Core.PdfDocumentFormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Plausible(DateTime date) => date.Year is >= 1970 and <= 2100;
}
