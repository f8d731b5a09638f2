using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// A tool as it is declared to the model: its function with the JSON schema trimmed of what the schema already says.
/// An optional parameter (not in <c>required</c>) loses <c>"default": null</c> and <c>"null"</c> from its types: being
/// optional already says it may be left out, and providers would spell the null default out in its description.
/// </summary>
internal sealed class DeclaredFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    private JsonElement? _schema;

    public override JsonElement JsonSchema => _schema ??= Trim(InnerFunction.JsonSchema);

    internal static JsonElement Trim(JsonElement schema)
    {
        if (JsonNode.Parse(schema.GetRawText()) is not JsonObject root)
        {
            return schema;
        }

        TrimObject(root);
        using var trimmed = JsonDocument.Parse(root.ToJsonString());
        return trimmed.RootElement.Clone();
    }

    private static void TrimObject(JsonObject schema)
    {
        if (schema["properties"] is JsonObject properties)
        {
            var required = schema["required"] is JsonArray names ? names.Select(n => n?.GetValue<string>()).ToHashSet() : [];
            foreach (var (name, value) in properties)
            {
                if (value is not JsonObject property)
                {
                    continue;
                }

                if (!required.Contains(name))
                {
                    Optional(property);
                }

                TrimObject(property);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            TrimObject(items);
        }
    }

    private static void Optional(JsonObject property)
    {
        if (property["default"] is null && property.ContainsKey("default"))
        {
            property.Remove("default");
        }

        if (property["type"] is JsonArray types && types.Count == 2 && types.Any(t => t?.GetValue<string>() == "null"))
        {
            property["type"] = types.First(t => t?.GetValue<string>() != "null")!.GetValue<string>();
        }
    }
}
