using System.IO.Compression;

namespace Cowork.Documents;

/// <summary>
/// Reads an Office file (a zip package) into memory only after checking it is a zip whose entries really
/// decompress within bounds, so a zip bomb or a corrupt archive is refused before the Open XML SDK sees it.
/// </summary>
internal static class SafePackage
{
    public const long MaxFileBytes = 100L * 1024 * 1024;
    public const long MaxExpandedBytes = 512L * 1024 * 1024;
    public const int MaxEntries = 10_000;

    /// <summary>The file's bytes, checked.</summary>
    /// <exception cref="ToolException">Too big, not a zip, corrupt, or expanding past the bounds.</exception>
    public static byte[] Read(Stream input, string name, long maxExpanded = MaxExpandedBytes)
    {
        var bytes = ReadBounded(input, MaxFileBytes, name);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new ToolException($"{name} has {zip.Entries.Count} parts; Cowork refuses packages with more than {MaxEntries}.");
            }

            var total = 0L;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                // Count what really comes out, not the sizes the archive claims.
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > maxExpanded)
                    {
                        throw new ToolException($"{name} expands to more than {maxExpanded / (1024 * 1024)} MB (a zip bomb or an unusually large file); Cowork does not open it.");
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new ToolException($"{name} is not a valid Office file: its zip container is corrupt.");
        }

        return bytes;
    }

    public static byte[] ReadBounded(Stream input, long max, string name)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            if (copy.Length + read > max)
            {
                throw new ToolException($"{name} is larger than {max / (1024 * 1024)} MB; Cowork does not read files that big.");
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
