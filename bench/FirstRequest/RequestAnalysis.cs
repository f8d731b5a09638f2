using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cowork.Bench.FirstRequest;

/// <summary>One parameter of a tool's input schema; nested ones are named <c>steps[].title</c>, <c>options.mode</c>.</summary>
internal sealed record ToolParameter(string Path, string Type, string? Description);

/// <summary>One tool as the model sees it in the request.</summary>
internal sealed record ToolInfo(string Name, string? Description, int JsonBytes, int SchemaBytes, IReadOnlyList<ToolParameter> Parameters);

/// <summary>What the first Messages request carries, and how many bytes each part takes.</summary>
internal sealed partial record RequestAnalysis(
    int TotalBytes,
    int SystemBytes,
    int SystemChars,
    int ToolsBytes,
    int MessagesBytes,
    int MessageCount,
    string? Model,
    bool Stream,
    IReadOnlyList<string> OtherFields,
    IReadOnlyList<ToolInfo> Tools)
{
    public int OtherBytes => TotalBytes - SystemBytes - ToolsBytes - MessagesBytes;

    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static RequestAnalysis Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        int systemBytes = 0, systemChars = 0, toolsBytes = 0, messagesBytes = 0, messageCount = 0;
        string? model = null;
        var stream = false;
        var others = new List<string>();
        var tools = new List<ToolInfo>();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "system":
                    systemBytes = Bytes(property.Value);
                    systemChars = SystemText(property.Value).Length;
                    break;
                case "tools":
                    toolsBytes = Bytes(property.Value);
                    tools.AddRange(property.Value.EnumerateArray().Select(Tool));
                    break;
                case "messages":
                    messagesBytes = Bytes(property.Value);
                    messageCount = property.Value.GetArrayLength();
                    break;
                case "model":
                    model = property.Value.GetString();
                    others.Add(property.Name);
                    break;
                case "stream":
                    stream = property.Value.ValueKind == JsonValueKind.True;
                    others.Add(property.Name);
                    break;
                default:
                    others.Add(property.Name);
                    break;
            }
        }

        return new RequestAnalysis(body.Length, systemBytes, systemChars, toolsBytes, messagesBytes, messageCount, model, stream, others, tools);
    }

    /// <summary>Every way the tools fall short of "a real description for the tool and for each parameter".</summary>
    public IReadOnlyList<string> DescriptionProblems(int minToolChars, int minParameterChars)
    {
        var problems = new List<string>();
        foreach (var tool in Tools)
        {
            if (string.IsNullOrWhiteSpace(tool.Description))
            {
                problems.Add($"{tool.Name}: no description");
            }
            else if (tool.Description.Trim().Length < minToolChars
                || string.Equals(Normalize(tool.Description), Normalize(tool.Name), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{tool.Name}: description is trivial ({tool.Description.Trim().Length} chars, minimum {minToolChars}): \"{tool.Description}\"");
            }

            foreach (var parameter in tool.Parameters)
            {
                // The SDK moves a schema's "default" into the description as "{default: …}": that note describes nothing.
                var own = parameter.Description is null ? null : DefaultNote().Replace(parameter.Description, "").Trim();
                if (string.IsNullOrWhiteSpace(own))
                {
                    problems.Add($"{tool.Name}.{parameter.Path}: no description");
                }
                else if (own.Length < minParameterChars
                    || string.Equals(Normalize(own), Normalize(parameter.Path), StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{tool.Name}.{parameter.Path}: description is trivial ({own.Length} chars, minimum {minParameterChars}): \"{own}\"");
                }
            }
        }

        return problems;
    }

    private static ToolInfo Tool(JsonElement tool)
    {
        var name = tool.TryGetProperty("name", out var n) ? n.GetString() ?? "?" : "?";
        var description = tool.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var parameters = new List<ToolParameter>();
        var schemaBytes = 0;
        if (tool.TryGetProperty("input_schema", out var schema))
        {
            schemaBytes = Bytes(schema);
            CollectParameters(schema, "", parameters);
        }

        return new ToolInfo(name, description, Bytes(tool), schemaBytes, parameters);
    }

    /// <summary>Walks <c>properties</c>, array <c>items</c> and <c>anyOf</c>/<c>oneOf</c> alternatives.</summary>
    private static void CollectParameters(JsonElement schema, string prefix, List<ToolParameter> into)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                var description = property.Value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                into.Add(new ToolParameter(path, TypeOf(property.Value), description));
                CollectChildren(property.Value, path, into);
            }
        }
    }

    private static void CollectChildren(JsonElement schema, string path, List<ToolParameter> into)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        CollectParameters(schema, path, into);
        if (schema.TryGetProperty("items", out var items))
        {
            CollectChildren(items, $"{path}[]", into);
        }

        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
            {
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    CollectChildren(alternative, path, into);
                }
            }
        }
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "?";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array
                ? string.Join('|', type.EnumerateArray().Select(t => t.GetString()))
                : type.GetString() ?? "?";
        }

        return schema.TryGetProperty("enum", out _) ? "enum" : "?";
    }

    private static string SystemText(JsonElement system) => system.ValueKind switch
    {
        JsonValueKind.String => system.GetString() ?? "",
        JsonValueKind.Array => string.Concat(system.EnumerateArray()
            .Select(block => block.TryGetProperty("text", out var text) ? text.GetString() : "")),
        _ => "",
    };

    private static int Bytes(JsonElement element) => Encoding.UTF8.GetByteCount(element.GetRawText());

    private static string Normalize(string text) => text.Trim().TrimEnd('.').Replace('_', ' ');

    [GeneratedRegex(@"\s*\{default: .*\}\s*$", RegexOptions.Singleline)]
    private static partial Regex DefaultNote();
}
