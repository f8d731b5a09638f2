using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cowork;

/// <summary>The person's settings file (JSON). Every field is optional.</summary>
/// <example>
/// <code>
/// { "model": "anthropic:claude-sonnet-4-5",
///   "max_turns": 60,
///   "max_tokens_per_task": 500000,
///   "prices": { "anthropic:claude-sonnet-4": { "input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75 } },
///   "permissions": { "organize_folder": "ask" },
///   "providers": { "ollama": { "base_url": "http://gpu-box:11434/v1" } },
///   "context_windows": { "ollama:llama3.1": 32768 } }
/// </code>
/// </example>
public sealed record CoworkConfig
{
    public static CoworkConfig Default { get; } = new();

    /// <summary>The model when neither <c>--model</c> nor <c>COWORK_MODEL</c> is given.</summary>
    public string? Model { get; init; }

    public int? MaxTurns { get; init; }

    /// <summary>Input plus output tokens one task may use, unless <c>--max-tokens</c> says otherwise.</summary>
    public long? MaxTokensPerTask { get; init; }

    /// <summary>US dollars one task may spend (estimated from <see cref="Prices"/>), unless <c>--max-cost</c> says otherwise.</summary>
    public decimal? MaxCostPerTask { get; init; }

    /// <summary>Input plus output tokens all tasks together may use in one local day.</summary>
    public long? MaxTokensPerDay { get; init; }

    /// <summary>US dollars all tasks together may spend in one local day (estimated from <see cref="Prices"/>).</summary>
    public decimal? MaxCostPerDay { get; init; }

    /// <summary>Model prices in dollars per million tokens, by "provider:name" (or a prefix of it), over the built-in ones.</summary>
    public Dictionary<string, ModelPrice> Prices { get; init; } = [];

    /// <summary>Per-tool allow / ask / deny.</summary>
    public Dictionary<string, PermissionMode> Permissions { get; init; } = [];

    public Dictionary<string, ProviderConfig> Providers { get; init; } = [];

    /// <summary>
    /// Context windows in tokens by "provider:name" (or a prefix of it), for a model served with another window than
    /// Cowork assumes: an Ollama model runs with its num_ctx (8,192 is assumed), a proxy may cut a window short.
    /// </summary>
    public Dictionary<string, int> ContextWindows { get; init; } = [];

    /// <summary>How run_code runs: the unsandboxed opt-in and its limits.</summary>
    public RunCodeConfig RunCode { get; init; } = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the config file; a missing file is the default config.</summary>
    /// <exception cref="CoworkConfigurationException">The file exists but cannot be read or is not valid.</exception>
    public static CoworkConfig Load(string path)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return Directory.Exists(path)
                    ? throw new CoworkConfigurationException($"The config path {path} is a folder; it should be a JSON file.")
                    : Default;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CoworkConfigurationException($"Cannot read the config file {path}: {ex.Message} Fix its permissions or remove it.");
        }

        try
        {
            var config = string.IsNullOrWhiteSpace(text) ? Default : JsonSerializer.Deserialize<CoworkConfig>(text, Json) ?? Default;
            if (config.MaxTurns is < 2)
            {
                throw new CoworkConfigurationException($"max_turns in {path} must be at least 2.");
            }

            if (config.ContextWindows.FirstOrDefault(w => w.Value < 1_000) is { Key: { } small })
            {
                throw new CoworkConfigurationException($"context_windows in {path}: the window of {small} must be at least 1000 tokens.");
            }

            if (config.RunCode.TimeoutSeconds is < 1 || config.RunCode.MemoryMb is < 64)
            {
                throw new CoworkConfigurationException($"run_code in {path}: timeout_seconds must be at least 1 and memory_mb at least 64.");
            }

            return config;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new CoworkConfigurationException($"The config file {path} is not valid{where}: {ex.Message.Split('\n')[0]} Fix it or remove it.");
        }
    }

    /// <summary>The window <see cref="ContextWindows"/> gives the model (the exact name, else the longest prefix), or null.</summary>
    public int? ContextWindowFor(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = model.ToString();
        return ContextWindows.Where(w => key.StartsWith(w.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(w => w.Key.Length).Select(w => (int?)w.Value).FirstOrDefault();
    }

    /// <summary>Base URLs by provider name, for <see cref="ProviderSettings"/>.</summary>
    public IReadOnlyDictionary<string, string> BaseUrls() =>
        Providers.Where(p => !string.IsNullOrWhiteSpace(p.Value.BaseUrl)).ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value.BaseUrl!);
}
