using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>A tool the model can call, with what it does to the world.</summary>
/// <param name="Function">The function the model sees (name in snake_case, description, JSON schema).</param>
/// <param name="Effects">What the permission gate weighs.</param>
public sealed record ToolDescriptor(AIFunction Function, ToolEffects Effects)
{
    public string Name => Function.Name;

    /// <summary>One line for an approval prompt: the tool and its arguments, shortened.</summary>
    public string DescribeCall(string argumentsJson)
    {
        const int max = 160;
        var args = argumentsJson.Length > max ? argumentsJson[..max] + "…" : argumentsJson;
        return $"{Name} {args}";
    }
}
