using DocumentFormat.OpenXml.Spreadsheet;

namespace Cowork.Documents;

/// <summary>The shared string table: each distinct text once.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public int Count => _strings.Count;

    public int Index(string text)
    {
        if (!_index.TryGetValue(text, out var index))
        {
            index = _strings.Count;
            _index[text] = index;
            _strings.Add(text);
        }

        return index;
    }

    public IReadOnlyList<string> Strings => _strings;

    public SharedStringTable Build() =>
        new(_strings.Select(s => new SharedStringItem(new Text(s) { Space = s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])) ? DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve : null })))
        {
            Count = (uint)_strings.Count,
            UniqueCount = (uint)_strings.Count,
        };
}
