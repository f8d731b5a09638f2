using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>A tool the model can call, with what it does to the world.</summary>
/// <param name="Function">The function the model sees (name in snake_case, description, JSON schema).</param>
/// <param name="Effects">The most the tool can do; what the permission gate weighs.</param>
/// <param name="EffectsOfCall">
/// What one call does, when its arguments make it do less than <paramref name="Effects"/> (a dry run only reads).
/// </param>
public sealed record ToolDescriptor(AIFunction Function, ToolEffects Effects, Func<AIFunctionArguments, ToolEffects>? EffectsOfCall = null)
{
    public string Name => Function.Name;

    /// <summary>What this call, with these arguments, does.</summary>
    public ToolEffects EffectsFor(AIFunctionArguments arguments) => EffectsOfCall?.Invoke(arguments) ?? Effects;

    /// <summary>One line for an approval prompt: the tool and its arguments, shortened.</summary>
    public string DescribeCall(string argumentsJson)
    {
        const int max = 160;
        var args = argumentsJson.Length > max ? argumentsJson[..max] + "…" : argumentsJson;
        return $"{Name} {args}";
    }
}
