namespace Cowork;

/// <summary>Where model turns come from.</summary>
public enum ModelProvider
{
    /// <summary>The built-in deterministic planner: no model, no key, no network.</summary>
    Offline,

    /// <summary>Anthropic's Messages API through the official <c>Anthropic</c> SDK.</summary>
    Anthropic,

    /// <summary>An OpenAI-compatible chat completions endpoint through the official <c>OpenAI</c> SDK.</summary>
    OpenAI,

    /// <summary>A local Ollama server (its OpenAI-compatible endpoint).</summary>
    Ollama,

    /// <summary>Replays a script of responses from a JSON file: for tests and benchmarks.</summary>
    Scripted,
}
