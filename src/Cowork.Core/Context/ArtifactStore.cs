using System.Globalization;
using System.Text;

namespace Cowork;

/// <summary>
/// Keeps large tool results as task artifacts (files in the task's own data folder, never in the person's folders) and
/// gives the model their head, a one-line summary and a handle that <see cref="ArtifactTool"/> reads from.
/// </summary>
/// <remarks>Thread-safe: each artifact is its own file, written whole (temp file, then rename) before its handle is handed out.</remarks>
internal sealed class ArtifactStore
{
    private readonly string _folder;
    private readonly ContextOptions _options;

    public ArtifactStore(string dataDirectory, ContextOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(options);
        _folder = Path.Combine(dataDirectory, "artifacts");
        _options = options;
    }

    /// <summary>Results longer than this, in characters, are kept as artifacts.</summary>
    public int Threshold => _options.LargeResultChars;

    /// <summary>
    /// What the model gets for <paramref name="result"/>: the result itself when it is short, else its head, a one-line
    /// summary and the handle of the artifact that holds all of it.
    /// </summary>
    /// <exception cref="IOException">The artifact could not be written.</exception>
    public string Shorten(string callId, string tool, string result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Length <= Threshold)
        {
            return result;
        }

        var handle = Save(callId, result);
        var lines = CountLines(result);
        var head = Head(result, _options.ResultHeadChars, out var headLines);
        var shown = headLines == 0 ? "above is the start of the first line" : string.Create(CultureInfo.InvariantCulture, $"above are the first {headLines:N0} lines");
        return string.Create(CultureInfo.InvariantCulture,
            $"{head}\n[Shortened: {tool} returned {result.Length:N0} characters in {lines:N0} lines; {shown}. " +
            $"The whole result is kept as artifact \"{handle}\": call {ToolNames.ReadArtifact} with handle \"{handle}\" and first_line {headLines + 1} to read on.]");
    }

    /// <summary>Lines <paramref name="firstLine"/>… of an artifact, at most <paramref name="lineCount"/> and no more than fit under the threshold.</summary>
    /// <exception cref="ToolException">No artifact has that handle, or it has no such line.</exception>
    public string Read(string handle, int firstLine, int lineCount)
    {
        if (string.IsNullOrWhiteSpace(handle) || handle.Any(c => !IsHandleChar(c)))
        {
            throw new ToolException($"\"{handle}\" is not an artifact handle; use the handle a shortened result named.");
        }

        if (firstLine < 1 || lineCount < 1)
        {
            throw new ToolException("first_line and line_count start at 1.");
        }

        var path = Path.Combine(_folder, handle + ".txt");
        if (!File.Exists(path))
        {
            throw new ToolException($"There is no artifact \"{handle}\" in this task.");
        }

        var text = new StringBuilder();
        var number = 0;
        var shown = 0;
        var room = Threshold - 200;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (number < firstLine)
            {
                continue;
            }

            if (shown == 0 && line.Length > room)
            {
                // One line longer than a page (minified JSON, say): its start, so reading on always moves forward.
                text.Append(line.AsSpan(0, room)).Append(CultureInfo.InvariantCulture, $" […{line.Length - room:N0} more characters on this line]\n");
                shown++;
                continue;
            }

            if (shown == lineCount || text.Length + line.Length > room)
            {
                text.Append(CultureInfo.InvariantCulture, $"[More lines follow: call {ToolNames.ReadArtifact} with first_line={number}.]");
                return Header(handle, firstLine, shown) + text;
            }

            text.AppendLine(line);
            shown++;
        }

        return shown == 0
            ? throw new ToolException($"Artifact \"{handle}\" has {number:N0} lines; there is no line {firstLine:N0}.")
            : Header(handle, firstLine, shown) + text.ToString().TrimEnd() + "\n[End of the artifact.]";
    }

    private static string Header(string handle, int firstLine, int shown) =>
        string.Create(CultureInfo.InvariantCulture, $"Artifact \"{handle}\", lines {firstLine:N0}-{firstLine + shown - 1:N0}:\n");

    private string Save(string callId, string result)
    {
        Directory.CreateDirectory(_folder);
        var stem = new string([.. callId.Where(IsHandleChar).Take(64)]);
        stem = stem.Length == 0 ? "result" : stem;
        var handle = stem;
        for (var n = 2; File.Exists(Path.Combine(_folder, handle + ".txt")); n++)
        {
            handle = $"{stem}-{n}";
        }

        var path = Path.Combine(_folder, handle + ".txt");
        var temp = path + ".tmp";
        File.WriteAllText(temp, result, new UTF8Encoding(false));
        File.Move(temp, path);
        return handle;
    }

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static int CountLines(string text)
    {
        var lines = text.Count(c => c == '\n');
        return text.EndsWith('\n') ? lines : lines + 1;
    }

    /// <summary>
    /// The whole lines that fit in <paramref name="maxChars"/>, or the start of the first line when even it does not
    /// (<paramref name="lines"/> is then 0: no line was shown whole).
    /// </summary>
    private static string Head(string text, int maxChars, out int lines)
    {
        var end = text.LastIndexOf('\n', Math.Min(maxChars, text.Length - 1));
        if (end <= 0)
        {
            lines = 0;
            return text[..maxChars] + " […]";
        }

        lines = text.AsSpan(0, end).Count('\n') + 1;
        return text[..end];
    }
}
