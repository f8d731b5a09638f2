using System.Globalization;
using System.Text;
using UtfUnknown;

namespace Cowork.Files;

/// <summary>Reads a file for the model: text by lines with paging and encoding detection; other files described, not dumped.</summary>
public static class TextFileReader
{
    private const int SniffBytes = 64 * 1024;
    private const int MaxLineLength = 2000;

    static TextFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Read(IFolderRoot root, RelativePath path, string displayPath, int firstLine, int lineCount)
    {
        ArgumentNullException.ThrowIfNull(root);
        var status = root.Stat(path) ?? throw new ToolException($"{displayPath} does not exist.");
        if (status.Kind == EntryKind.Directory)
        {
            throw new ToolException($"{displayPath} is a folder; use list_folder.");
        }

        firstLine = Math.Max(1, firstLine);
        lineCount = Math.Clamp(lineCount, 1, 2000);
        using var stream = root.OpenRead(path);
        var head = new byte[(int)Math.Min(SniffBytes, Math.Max(status.Size, 1))];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var sniff = head.AsSpan(0, read);
        if (LooksBinary(sniff))
        {
            return $"{displayPath} is a binary file ({FileKinds.CategoryOf(path.Name)}, {FolderListing.Size(status.Size)}, modified {status.Modified.LocalDateTime:yyyy-MM-dd HH:mm}). " +
                "Its bytes are not text; use file_info for its metadata.";
        }

        var encoding = Detect(sniff);
        stream.Position = 0;
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var number = 0;
        var shown = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (number < firstLine)
            {
                continue;
            }

            if (shown == lineCount)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"[More lines follow: call read_file with first_line={number}.]");
                break;
            }

            text.Append(CultureInfo.InvariantCulture, $"{number,6}  ").AppendLine(line.Length > MaxLineLength ? line[..MaxLineLength] + " […]" : line);
            shown++;
        }

        var header = string.Create(CultureInfo.InvariantCulture,
            $"{displayPath} ({encoding.WebName}, {FolderListing.Size(status.Size)}), lines {firstLine}-{firstLine + shown - 1}:");
        return shown == 0 ? $"{displayPath} has no line {firstLine} (it has {number})." : header + "\n" + text.ToString().TrimEnd();
    }

    /// <summary>NUL bytes, or many control bytes, in the first block mean the file is not text.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return false; // UTF-16 text has NULs.
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                control++;
            }
        }

        return head.Length > 0 && control > head.Length / 20;
    }

    private static Encoding Detect(ReadOnlySpan<byte> head)
    {
        if (IsUtf8(head))
        {
            return new UTF8Encoding(false);
        }

        var detected = CharsetDetector.DetectFromBytes(head.ToArray()).Detected;
        return detected?.Encoding ?? Encoding.Latin1;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes)
    {
        // The sniffed block may end in the middle of a character; judge what is complete.
        var trimmed = bytes;
        for (var i = 1; i <= 3 && i <= bytes.Length; i++)
        {
            if ((bytes[^i] & 0xC0) == 0xC0)
            {
                trimmed = bytes[..^i];
                break;
            }

            if ((bytes[^i] & 0x80) == 0)
            {
                break;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(trimmed);
    }
}
