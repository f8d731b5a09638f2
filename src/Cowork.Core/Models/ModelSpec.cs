namespace Cowork;

/// <summary>A model chosen as <c>provider:name</c>, e.g. <c>anthropic:claude-sonnet-4-5</c>, <c>ollama:llama3.1</c> or <c>offline</c>.</summary>
public sealed record ModelSpec(ModelProvider Provider, string Name)
{
    public static ModelSpec Offline { get; } = new(ModelProvider.Offline, "");

    /// <summary>The help line for every error about a model spec.</summary>
    public const string Usage = "Use anthropic:<model>, openai:<model>, ollama:<model> or offline (for example --model anthropic:claude-sonnet-4-5).";

    /// <exception cref="CoworkConfigurationException">The spec names no known provider or no model.</exception>
    public static ModelSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.Trim();
        if (text.Equals("offline", StringComparison.OrdinalIgnoreCase))
        {
            return Offline;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new CoworkConfigurationException($"'{spec}' is not a model. {Usage}");
        }

        var providerName = text[..colon].ToLowerInvariant();
        var name = text[(colon + 1)..].Trim();
        ModelProvider provider = providerName switch
        {
            "anthropic" or "claude" => ModelProvider.Anthropic,
            "openai" or "vllm" or "lmstudio" => ModelProvider.OpenAI,
            "ollama" => ModelProvider.Ollama,
            "scripted" => ModelProvider.Scripted,
            _ => throw new CoworkConfigurationException($"Unknown model provider '{providerName}'. {Usage}"),
        };
        if (name.Length == 0)
        {
            throw new CoworkConfigurationException($"'{spec}' names no model after the colon. {Usage}");
        }

        return new ModelSpec(provider, name);
    }

    public override string ToString() => Provider switch
    {
        ModelProvider.Offline => "offline",
        _ => $"{Provider.ToString().ToLowerInvariant()}:{Name}",
    };
}
