using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// A deterministic account of compacted turns, extended as more turns are compacted: what the person said, what the
/// model decided, the files touched, and every tool call with a one-line result.
/// </summary>
/// <remarks>
/// It keeps facts, not text: rendering it within a size keeps the person's messages and the files touched whole and
/// folds the oldest tool calls into counts first. Not thread-safe.
/// </remarks>
internal sealed class ConversationDigest
{
    private const int LineLength = 160;
    private static readonly string[] PathArguments = ["path", "paths", "file", "files", "folder", "from", "to", "source", "destination", "target"];

    private readonly List<string> _said = [];
    private readonly List<string> _decisions = [];
    private readonly List<string> _calls = [];
    private readonly Dictionary<string, int> _callCounts = new(StringComparer.Ordinal);
    private readonly List<string> _files = [];
    private readonly HashSet<string> _seenFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pendingCalls = new(StringComparer.Ordinal);

    public int MessageCount { get; private set; }

    public void Add(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            MessageCount++;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text when message.Role == ChatRole.User:
                        _said.Add(text.Text.Trim());
                        break;
                    case TextContent { Text.Length: > 0 } text when message.Role == ChatRole.Assistant:
                        _decisions.Add(OneLine(text.Text));
                        break;
                    case FunctionCallContent call:
                        _pendingCalls[call.CallId] = $"{call.Name} {Arguments(call)}";
                        _callCounts[call.Name] = _callCounts.GetValueOrDefault(call.Name) + 1;
                        Touch(call);
                        break;
                    case FunctionResultContent result:
                        var described = _pendingCalls.Remove(result.CallId, out var c) ? c : $"call {result.CallId}";
                        _calls.Add($"{described} → {OneLine(TokenEstimate.ResultText(result.Result))}");
                        break;
                }
            }
        }
    }

    /// <summary>The digest as text of at most about <paramref name="maxChars"/> characters.</summary>
    public string Render(int maxChars)
    {
        var text = new StringBuilder();
        if (_said.Count > 0)
        {
            text.AppendLine("The person said:");
            foreach (var said in _said)
            {
                text.Append("- ").AppendLine(said.ReplaceLineEndings(" "));
            }
        }

        if (_files.Count > 0)
        {
            text.Append("Files touched (").Append(_files.Count).Append("): ");
            var shown = ShownFiles(maxChars / 3);
            text.AppendJoin(", ", _files.Take(shown));
            if (shown < _files.Count)
            {
                text.Append(", … and ").Append(_files.Count - shown).Append(" more");
            }

            text.AppendLine();
        }

        var room = maxChars - text.Length;
        var decisions = Latest(_decisions, room / 3);
        var calls = Latest(_calls, room - decisions.Sum(d => d.Length + 3));
        if (decisions.Count > 0)
        {
            text.Append("Decisions and notes").Append(decisions.Count < _decisions.Count ? $" (the latest {decisions.Count} of {_decisions.Count})" : "").AppendLine(":");
            foreach (var decision in decisions)
            {
                text.Append("- ").AppendLine(decision);
            }
        }

        if (_calls.Count > 0)
        {
            text.Append("Tool calls (").Append(_callCounts.Values.Sum()).Append(": ")
                .AppendJoin(", ", _callCounts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ×{c.Value}")).Append(')')
                .Append(calls.Count < _calls.Count ? $"; the latest {calls.Count}" : "").AppendLine(":");
            foreach (var call in calls)
            {
                text.Append("- ").AppendLine(call);
            }
        }

        return text.ToString().TrimEnd();
    }

    private int ShownFiles(int room)
    {
        var shown = 0;
        for (var used = 0; shown < _files.Count && used + _files[shown].Length + 2 <= room; shown++)
        {
            used += _files[shown].Length + 2;
        }

        return shown;
    }

    /// <summary>The latest lines that fit in <paramref name="room"/> characters, oldest first.</summary>
    private static List<string> Latest(List<string> lines, int room)
    {
        var start = lines.Count;
        for (var used = 0; start > 0 && used + lines[start - 1].Length + 3 <= room; start--)
        {
            used += lines[start - 1].Length + 3;
        }

        return lines.GetRange(start, lines.Count - start);
    }

    private void Touch(FunctionCallContent call)
    {
        if (call.Arguments is null)
        {
            return;
        }

        foreach (var (name, value) in call.Arguments)
        {
            if (!PathArguments.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var path in Strings(value))
            {
                if (path.Length > 0 && _seenFiles.Add(path))
                {
                    _files.Add(path);
                }
            }
        }
    }

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string s => [s],
        JsonElement { ValueKind: JsonValueKind.String } e => [e.GetString() ?? ""],
        JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString() ?? ""),
        IEnumerable<string> list => list,
        _ => [],
    };

    private static string Arguments(FunctionCallContent call) => Shorten(TokenEstimate.Arguments(call), LineLength);

    private static string OneLine(string text)
    {
        var trimmed = text.AsSpan().Trim();
        var end = trimmed.IndexOfAny('\r', '\n');
        var line = end < 0 ? trimmed.ToString() : $"{trimmed[..end]} …";
        return Shorten(line, LineLength);
    }

    private static string Shorten(string text, int max) => text.Length > max ? string.Concat(text.AsSpan(0, max), "…") : text;
}
