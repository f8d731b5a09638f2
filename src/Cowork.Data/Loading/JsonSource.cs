using System.Text.Json;

namespace Cowork.Data;

/// <summary>
/// A JSON array of objects (or of arrays), streamed element by element. The columns are the keys of the first
/// 1,000 objects in order of appearance; keys first seen later are reported and left out.
/// </summary>
internal sealed class JsonSource(Func<Stream> open, string displayName) : RowSource
{
    private const int KeySample = 1000;
    private List<string>? _keys;

    public override bool? HasHeader => true;

    public override IEnumerable<string?[]> RawRows(LoadWarnings warnings, CancellationToken cancellationToken)
    {
        var keys = _keys ??= SampleKeys(cancellationToken);
        yield return [.. keys];
        var index = keys.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
        var number = 0L;
        foreach (var element in Elements(cancellationToken))
        {
            number++;
            var fields = new string?[keys.Count];
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (index.TryGetValue(property.Name, out var i))
                    {
                        fields[i] = Text(property.Value);
                    }
                    else
                    {
                        warnings.Add("key not among the columns (left out)", $"row {number}: {property.Name}");
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (i < fields.Length)
                    {
                        fields[i] = Text(item);
                    }

                    i++;
                }
            }
            else
            {
                warnings.Add("element is not an object", $"row {number}");
            }

            yield return fields;
        }
    }

    private List<string> SampleKeys(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var width = 0;
        foreach (var element in Elements(cancellationToken).Take(KeySample))
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (seen.Add(property.Name))
                    {
                        keys.Add(property.Name);
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                width = Math.Max(width, element.GetArrayLength());
            }
        }

        for (var i = keys.Count; i < width; i++)
        {
            keys.Add($"column_{i + 1}");
        }

        return keys;
    }

    private IEnumerable<JsonElement> Elements(CancellationToken cancellationToken)
    {
        var stream = open();
        try
        {
            var first = stream.ReadByte();
            while (first is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
            {
                first = stream.ReadByte();
            }

            if (first != '[')
            {
                throw new ToolException(first < 0 ? $"{displayName} is empty: there are no rows to read."
                    : $"{displayName} is not a JSON array of records (it must start with '['); nothing was read.");
            }

            stream.Position = 0;
            using var enumerator = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken).ToBlockingEnumerable(cancellationToken).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!enumerator.MoveNext())
                    {
                        break;
                    }
                }
                catch (JsonException ex)
                {
                    throw new ToolException($"{displayName} is not valid JSON near line {(ex.LineNumber ?? 0) + 1}.");
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            stream.Dispose();
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };
}
