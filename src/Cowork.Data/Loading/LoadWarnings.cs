using System.Globalization;
using System.Text;

namespace Cowork.Data;

/// <summary>
/// Problems met while reading a file (ragged rows, values that do not fit their column, impossible dates, control
/// bytes), counted by kind with the first few row numbers of each, so millions of bad rows stay a few lines.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class LoadWarnings
{
    private const int ExamplesPerKind = 5;
    private readonly Dictionary<string, (long Count, List<string> Examples)> _kinds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(string kind, string example)
    {
        lock (_gate)
        {
            if (!_kinds.TryGetValue(kind, out var entry))
            {
                entry = (0, []);
            }

            if (entry.Examples.Count < ExamplesPerKind)
            {
                entry.Examples.Add(example);
            }

            _kinds[kind] = (entry.Count + 1, entry.Examples);
        }
    }

    /// <summary>Each kind on one line: count, kind, examples.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _kinds.OrderByDescending(k => k.Value.Count).Select(k =>
            {
                var text = new StringBuilder();
                text.Append(CultureInfo.InvariantCulture, $"{k.Value.Count:N0} × {k.Key}: ").AppendJoin("; ", k.Value.Examples);
                if (k.Value.Count > k.Value.Examples.Count)
                {
                    text.Append("; …");
                }

                return text.ToString();
            })];
        }
    }
}
