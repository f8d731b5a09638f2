using System.Text;

namespace Cowork.Data;

/// <summary>A delimited text file's encoding and delimiter, sniffed from its first 64 KiB.</summary>
internal sealed record CsvDialect(Encoding Encoding, char Delimiter)
{
    private const int SniffBytes = 64 * 1024;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    static CsvDialect() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <exception cref="ToolException">The file is empty or binary.</exception>
    public static CsvDialect Sniff(Stream stream, string displayName, char? delimiter)
    {
        var head = new byte[SniffBytes];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        if (read == 0)
        {
            throw new ToolException($"{displayName} is empty: there are no rows to read.");
        }

        var control = 0;
        foreach (var b in bytes)
        {
            if (b == 0)
            {
                throw new ToolException($"{displayName} is a binary file (it has NUL bytes), not delimited text; nothing was read.");
            }

            control += b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0c ? 1 : 0;
        }

        if (control > read / 20)
        {
            throw new ToolException($"{displayName} looks binary ({control} control bytes in its first {read} bytes), not delimited text; nothing was read.");
        }

        var encoding = Detect(bytes, read == SniffBytes);
        var text = encoding.GetString(bytes);
        return new CsvDialect(encoding, delimiter ?? DelimiterOf(text));
    }

    private static Encoding Detect(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(false);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        // A sniff cut mid-character is still UTF-8: drop up to three trailing bytes before judging.
        for (var cut = 0; cut <= (truncated ? 3 : 0) && cut < bytes.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(bytes[..^cut]))
            {
                return new UTF8Encoding(false);
            }
        }

        return Encoding.GetEncoding(1252);
    }

    /// <summary>The candidate that splits the first lines into the same number (&gt; 1) of fields most often, quotes respected.</summary>
    private static char DelimiterOf(string text)
    {
        var lines = text.Split('\n', 30).Take(20).Where(l => l.Trim().Length > 0).ToArray();
        var best = ',';
        var bestScore = -1.0;
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => Count(l, candidate)).ToArray();
            if (counts.Length == 0 || counts.Max() == 0)
            {
                continue;
            }

            var mode = counts.GroupBy(c => c).MaxBy(g => g.Count())!;
            var score = mode.Key == 0 ? 0 : mode.Count() + (mode.Key / 1000.0);
            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best;

        static int Count(string line, char delimiter)
        {
            var quoted = false;
            var count = 0;
            foreach (var c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == delimiter && !quoted)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
