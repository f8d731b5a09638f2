namespace Cowork;

/// <summary>Where and how to reach the model providers; read from the environment and the config file.</summary>
/// <param name="Environment">Looks up an environment variable (injected so tests need not touch the process's).</param>
/// <param name="BaseUrls">Per-provider base URLs from the config file (<c>anthropic</c>, <c>openai</c>, <c>ollama</c>); the environment wins.</param>
public sealed record ProviderSettings(Func<string, string?> Environment, IReadOnlyDictionary<string, string> BaseUrls)
{
    public const string DefaultOllamaUrl = "http://localhost:11434/v1";

    /// <summary>The longest a model call may take before it is retried. Default 10 minutes: long answers stream slowly.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The most output tokens asked for in one Anthropic call. Default 8,192.</summary>
    public int MaxOutputTokens { get; init; } = 8192;

    public string? Get(string variable) => Environment(variable) is { Length: > 0 } value ? value : null;

    public string? BaseUrl(string provider, string variable) =>
        Get(variable) ?? (BaseUrls.TryGetValue(provider, out var url) && url.Length > 0 ? url : null);
}
