using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Cowork;

/// <summary>Makes the provider's <see cref="IChatClient"/> for a <see cref="ModelSpec"/>.</summary>
/// <remarks>
/// The SDKs' own retries are off: <see cref="RetryingChatClient"/> is the one retry mechanism.
/// Configuration problems (a missing key, a bad URL) throw <see cref="CoworkConfigurationException"/> before any call.
/// </remarks>
public static class ModelClientFactory
{
    public static IChatClient Create(ModelSpec model, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        return model.Provider switch
        {
            ModelProvider.Offline => new OfflinePlannerChatClient(),
            ModelProvider.Scripted => ScriptedChatClient.FromFile(model.Name),
            ModelProvider.Anthropic => CreateAnthropic(model, settings),
            ModelProvider.OpenAI => CreateOpenAI(model, settings,
                settings.BaseUrl("openai", "OPENAI_BASE_URL"),
                settings.Get("OPENAI_API_KEY")),
            ModelProvider.Ollama => CreateOpenAI(model, settings,
                settings.BaseUrl("ollama", "OLLAMA_BASE_URL") ?? ProviderSettings.DefaultOllamaUrl,
                settings.Get("OLLAMA_API_KEY") ?? "ollama"),
            _ => throw new CoworkConfigurationException($"Unknown model provider. {ModelSpec.Usage}"),
        };
    }

    private static IChatClient CreateAnthropic(ModelSpec model, ProviderSettings settings)
    {
        var key = settings.Get("ANTHROPIC_API_KEY")
            ?? throw new CoworkConfigurationException("ANTHROPIC_API_KEY is not set. Export your Anthropic API key, or choose another model with --model.");
        var baseUrl = settings.BaseUrl("anthropic", "ANTHROPIC_BASE_URL") is { } url
            ? ParseUrl(url, "ANTHROPIC_BASE_URL").ToString().TrimEnd('/')
            : null;
        var client = baseUrl is null
            ? new AnthropicClient { ApiKey = key, MaxRetries = 0, Timeout = settings.RequestTimeout }
            : new AnthropicClient { ApiKey = key, MaxRetries = 0, Timeout = settings.RequestTimeout, BaseUrl = baseUrl };

        return client.AsIChatClient(model.Name, settings.MaxOutputTokens);
    }

    private static IChatClient CreateOpenAI(ModelSpec model, ProviderSettings settings, string? baseUrl, string? key)
    {
        if (key is null)
        {
            if (baseUrl is null)
            {
                throw new CoworkConfigurationException("OPENAI_API_KEY is not set. Export your key, or set OPENAI_BASE_URL for a local server (vLLM, LM Studio).");
            }

            key = "unused"; // Local OpenAI-compatible servers ignore the key, but the SDK requires one.
        }

        var options = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = settings.RequestTimeout,
        };
        if (baseUrl is not null)
        {
            options.Endpoint = ParseUrl(baseUrl, "the OpenAI base URL");
        }

        return new OpenAI.Chat.ChatClient(model.Name, new ApiKeyCredential(key), options).AsIChatClient();
    }

    private static Uri ParseUrl(string url, string what) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CoworkConfigurationException($"'{url}' in {what} is not an http(s) URL.");
}
