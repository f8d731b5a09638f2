using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>Reading a tool call's arguments as the model sent them, before the tool runs (to weigh what the call does).</summary>
public static class ToolArguments
{
    /// <summary>Whether the boolean argument <paramref name="name"/> is true: a bool, "true", or a JSON true or "true".</summary>
    public static bool Flag(AIFunctionArguments arguments, string name)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.TryGetValue(name, out var value) && value switch
        {
            bool flag => flag,
            string text => bool.TryParse(text, out var flag) && flag,
            JsonElement element => element.ValueKind == JsonValueKind.True
                || (element.ValueKind == JsonValueKind.String && bool.TryParse(element.GetString(), out var flag) && flag),
            _ => false,
        };
    }
}
