using System.Text.Json.Nodes;

namespace Cowork.Tests;

/// <summary>One HTTP request a loopback server received, as it came off the wire.</summary>
internal sealed record LoopbackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body is empty.");

    /// <summary>Whether the client asked for a streamed reply (<c>"stream": true</c>).</summary>
    public bool IsStreaming => Body.Length > 0 && Json["stream"]?.GetValue<bool>() == true;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
