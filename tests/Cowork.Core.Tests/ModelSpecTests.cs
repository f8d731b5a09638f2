namespace Cowork.Tests;

public class ModelSpecTests
{
    [Theory]
    [InlineData("offline", ModelProvider.Offline, "")]
    [InlineData("anthropic:claude-sonnet-4-5", ModelProvider.Anthropic, "claude-sonnet-4-5")]
    [InlineData("openai:gpt-4.1", ModelProvider.OpenAI, "gpt-4.1")]
    [InlineData("ollama:llama3.1:8b", ModelProvider.Ollama, "llama3.1:8b")]
    public void Parses_provider_and_name(string spec, ModelProvider provider, string name)
    {
        var parsed = ModelSpec.Parse(spec);
        Assert.Equal(provider, parsed.Provider);
        Assert.Equal(name, parsed.Name);
    }

    [Theory]
    [InlineData("gpt4")]
    [InlineData("foo:bar")]
    [InlineData("anthropic:")]
    public void Rejects_bad_specs_with_a_fix(string spec)
    {
        var error = Assert.Throws<CoworkConfigurationException>(() => ModelSpec.Parse(spec));
        Assert.Contains("--model", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
