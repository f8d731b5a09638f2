using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>Makes the provider's <see cref="IChatClient"/> for a <see cref="ModelSpec"/>.</summary>
/// <remarks>
/// The SDKs' own retries are off: <see cref="RetryingChatClient"/> is the one retry mechanism.
/// Configuration problems (a missing key, a bad URL) throw <see cref="CoworkConfigurationException"/> before any call.
/// Each provider's SDK is touched only in its own class, called through a method that is never inlined, so a run
/// loads the assemblies of its own provider only (an Anthropic run never loads OpenAI or System.ClientModel).
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

    /// <summary>
    /// Starts, on the thread pool, a dry run of the provider SDK's request and response path, so that the first real
    /// model call does not wait for the SDK's one-time costs (compiling and caching its JSON handling).
    /// </summary>
    /// <remarks>
    /// The dry run never touches the network or the real client: its HTTP handler answers in memory. It publishes no
    /// events and its failures are ignored. Providers without a dry run return a completed task.
    /// </remarks>
    /// <returns>The dry run, for tests; callers need not wait for it.</returns>
    public static Task StartWarmUp(ModelSpec model, ProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        return model.Provider == ModelProvider.Anthropic
            ? Task.Run(() => IgnoreFailures(WarmUpAnthropic(model.Name, settings.MaxOutputTokens)))
            : Task.CompletedTask;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task WarmUpAnthropic(string model, int maxOutputTokens) => AnthropicClients.WarmUpAsync(model, maxOutputTokens);

    private static async Task IgnoreFailures(Task warmUp)
    {
        try
        {
            await warmUp.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A warm-up only saves time; the real call reports any problem it shares.
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IChatClient CreateAnthropic(ModelSpec model, ProviderSettings settings)
    {
        var key = settings.Get("ANTHROPIC_API_KEY")
            ?? throw new CoworkConfigurationException("ANTHROPIC_API_KEY is not set. Export your Anthropic API key, or choose another model with --model.");
        var baseUrl = settings.BaseUrl("anthropic", "ANTHROPIC_BASE_URL") is { } url
            ? ParseUrl(url, "ANTHROPIC_BASE_URL").ToString().TrimEnd('/')
            : null;
        return AnthropicClients.Create(model.Name, key, baseUrl, settings.RequestTimeout, settings.MaxOutputTokens);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
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

        return OpenAIClients.Create(model.Name, key, baseUrl is null ? null : ParseUrl(baseUrl, "the OpenAI base URL"), settings.RequestTimeout);
    }

    private static Uri ParseUrl(string url, string what) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CoworkConfigurationException($"'{url}' in {what} is not an http(s) URL.");
}
