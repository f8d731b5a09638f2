using System.Text;

namespace Cowork.Sandbox;

/// <summary>The start and the end of a stream of text, whatever its length: what the model is shown of the output.</summary>
/// <remarks>Not thread-safe: one per stream.</remarks>
internal sealed class OutputCapture(int headChars, int tailChars)
{
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();

    public long TotalChars { get; private set; }

    public void Append(ReadOnlySpan<char> text)
    {
        TotalChars += text.Length;
        var toHead = Math.Min(text.Length, headChars - _head.Length);
        if (toHead > 0)
        {
            _head.Append(text[..toHead]);
            text = text[toHead..];
        }

        if (text.IsEmpty)
        {
            return;
        }

        _tail.Append(text);
        if (_tail.Length > 2 * tailChars)
        {
            _tail.Remove(0, _tail.Length - tailChars);
        }
    }

    /// <summary>All of it when short; else the head, a line saying how much was left out, and the tail.</summary>
    public override string ToString()
    {
        var tail = _tail.Length > tailChars ? _tail.ToString(_tail.Length - tailChars, tailChars) : _tail.ToString();
        var omitted = TotalChars - _head.Length - tail.Length;
        return omitted <= 0
            ? _head.ToString() + tail
            : $"{_head}\n[… {omitted:N0} characters left out …]\n{tail}";
    }
}
