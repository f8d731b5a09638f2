using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>Provider clients built by <see cref="ModelClientFactory"/> with the real SDKs, pointed at loopback servers.</summary>
internal static class LoopbackClients
{
    public const string AnthropicKey = "sk-ant-loopback";
    public const string OpenAIKey = "sk-openai-loopback";

    public static (IChatClient Client, ModelSpec Model) Anthropic(LoopbackAnthropicServer server, string model = "claude-test") =>
        Create($"anthropic:{model}", new() { ["ANTHROPIC_API_KEY"] = AnthropicKey, ["ANTHROPIC_BASE_URL"] = server.BaseUrl });

    public static (IChatClient Client, ModelSpec Model) OpenAI(LoopbackOpenAIServer server, string model = "gpt-test") =>
        Create($"openai:{model}", new() { ["OPENAI_API_KEY"] = OpenAIKey, ["OPENAI_BASE_URL"] = $"{server.BaseUrl}/v1" });

    private static (IChatClient Client, ModelSpec Model) Create(string spec, Dictionary<string, string> environment)
    {
        var model = ModelSpec.Parse(spec);
        var settings = new ProviderSettings(name => environment.GetValueOrDefault(name), new Dictionary<string, string>())
        {
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        return (ModelClientFactory.Create(model, settings), model);
    }
}
