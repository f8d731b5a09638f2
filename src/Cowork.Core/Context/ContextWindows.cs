namespace Cowork;

/// <summary>
/// Known context windows, in tokens, by model: an exact entry, else the longest entry the model starts with, else a
/// conservative default. The offline planner and scripted models have none: they read the whole conversation in memory.
/// </summary>
public static class ContextWindows
{
    /// <summary>The window assumed for a model this table does not know: small enough for most local models.</summary>
    public const int Default = 32_000;

    private static readonly Dictionary<string, int> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["anthropic:claude"] = 200_000,
        ["openai:gpt-4.1"] = 1_000_000,
        ["openai:gpt-4o"] = 128_000,
        ["openai:gpt-5"] = 400_000,
        ["openai:o3"] = 200_000,
        ["openai:o4"] = 200_000,
        // Ollama serves a model with a short context unless told otherwise (num_ctx).
        ["ollama:"] = 8_192,
    };

    /// <summary>The window of <paramref name="model"/>, or <see langword="null"/> when it has no limit.</summary>
    public static int? For(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Provider is ModelProvider.Offline or ModelProvider.Scripted)
        {
            return null;
        }

        var key = model.ToString();
        if (Known.TryGetValue(key, out var exact))
        {
            return exact;
        }

        var prefix = Known.Where(k => key.StartsWith(k.Key, StringComparison.OrdinalIgnoreCase)).OrderByDescending(k => k.Key.Length).FirstOrDefault();
        return prefix.Key is null ? Default : prefix.Value;
    }
}
