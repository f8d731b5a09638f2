using System.Buffers.Text;
using System.Text;

namespace Cowork.Documents;

/// <summary>
/// Buffered UTF-8 output for the streaming writer's fixed cell shapes: markup goes in as UTF-8 literals and numbers are
/// formatted straight into the buffer, so a million cells cost no strings and no char-to-byte pass.
/// </summary>
internal sealed class Utf8XmlWriter(Stream output) : IDisposable
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public void Raw(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _buffer.Length - _used)
        {
            Flush();
            if (utf8.Length > _buffer.Length)
            {
                output.Write(utf8);
                return;
            }
        }

        utf8.CopyTo(_buffer.AsSpan(_used));
        _used += utf8.Length;
    }

    /// <summary>Markup built at run time (element names, ids, counts), written as is: never text from the user.</summary>
    public void Markup(string markup)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(markup.Length));
        _used += Encoding.UTF8.GetBytes(markup, _buffer.AsSpan(_used));
    }

    public void Number(int value)
    {
        Reserve(11);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out var written);
        _used += written;
    }

    /// <summary>The shortest text that reads back as the same double (what "R" gives), as xsd:double wants it.</summary>
    public void Number(double value)
    {
        Reserve(32);
        // Whole numbers (ids, counts, most amounts in cents) print as integers, the same text and several times faster.
        if (Math.Abs(value) < 1e15 && value == Math.Floor(value) && !(value == 0 && double.IsNegative(value)))
        {
            Utf8Formatter.TryFormat((long)value, _buffer.AsSpan(_used), out var digits);
            _used += digits;
            return;
        }

        value.TryFormat(_buffer.AsSpan(_used), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>Text content or an attribute value: markup characters escaped, and characters XML 1.0 cannot hold written as Excel's _xHHHH_.</summary>
    public void Text(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            var special = span.IndexOfAny(Special);
            var plain = special < 0 ? span : span[..special];
            Reserve(Encoding.UTF8.GetMaxByteCount(Math.Min(plain.Length, 4096)));
            if (plain.Length > 4096)
            {
                plain = plain[..4096];
                if (char.IsHighSurrogate(plain[^1]))
                {
                    plain = plain[..^1];
                }
            }

            _used += Encoding.UTF8.GetBytes(plain, _buffer.AsSpan(_used));
            span = span[plain.Length..];
            if (special >= 0 && plain.Length == special)
            {
                Raw(span[0] switch
                {
                    '<' => "&lt;"u8,
                    '>' => "&gt;"u8,
                    '&' => "&amp;"u8,
                    '"' => "&quot;"u8,
                    _ => Encoding.ASCII.GetBytes($"_x{(int)span[0]:X4}_"),
                });
                span = span[1..];
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        "<>&\"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    public void Flush()
    {
        output.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        output.Dispose();
    }

    private void Reserve(int bytes)
    {
        if (bytes > _buffer.Length - _used)
        {
            Flush();
        }
    }
}
