using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// A model that replays a script: each call returns the next scripted reply, and every request is recorded.
/// For tests and benchmarks (<c>--model scripted:FILE.json</c> runs one from the command line).
/// </summary>
/// <remarks>
/// A reply is a function of the conversation so far, so a script can react to tool results. When the script runs
/// out, the client answers "Done." so a loop always ends. Thread-safe.
/// </remarks>
public sealed class ScriptedChatClient : WholeResponseChatClient
{
    private readonly Lock _gate = new();
    private readonly List<Func<IReadOnlyList<ChatMessage>, ChatResponse>> _replies;
    private readonly List<IReadOnlyList<ChatMessage>> _requests = [];
    private readonly List<ChatOptions?> _options = [];

    public ScriptedChatClient(IEnumerable<Func<IReadOnlyList<ChatMessage>, ChatResponse>> replies) => _replies = [.. replies];

    public ScriptedChatClient(params ChatResponse[] replies)
        : this(replies.Select(r => (Func<IReadOnlyList<ChatMessage>, ChatResponse>)(_ => r)))
    {
    }

    /// <summary>The conversations the client was sent, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The options of each request, in order.</summary>
    public IReadOnlyList<ChatOptions?> Options
    {
        get
        {
            lock (_gate)
            {
                return [.. _options];
            }
        }
    }

    /// <summary>A reply with text, optional tool calls (<c>name</c>, JSON arguments) and token counts.</summary>
    public static ChatResponse Reply(string? text = null, IEnumerable<(string Name, string Arguments)>? calls = null, long inputTokens = 0, long outputTokens = 0)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(text))
        {
            contents.Add(new TextContent(text));
        }

        var n = 0;
        foreach (var (name, arguments) in calls ?? [])
        {
            var args = JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments, AIJsonUtilities.DefaultOptions);
            contents.Add(new FunctionCallContent($"call-{Guid.NewGuid():N}-{n++}", name, args));
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            FinishReason = n > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Usage = inputTokens + outputTokens > 0 ? new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens } : null,
        };
    }

    /// <summary>Loads a script: <c>{"replies":[{"text":"…","tool_calls":[{"name":"…","arguments":{…}}],"usage":{"input":10,"output":5}}]}</c>.</summary>
    public static ScriptedChatClient FromFile(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?["replies"]?.AsArray()
                ?? throw new CoworkConfigurationException($"The script {path} has no \"replies\" array.");
            return new ScriptedChatClient(root.Select(node => Reply(
                (string?)node?["text"],
                node?["tool_calls"]?.AsArray().Select(c => ((string)c!["name"]!, c["arguments"]?.ToJsonString() ?? "{}")).ToList(),
                (long?)node?["usage"]?["input"] ?? 0,
                (long?)node?["usage"]?["output"] ?? 0)).ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            throw new CoworkConfigurationException($"Cannot read the script {path}: {ex.Message}");
        }
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<ChatMessage> conversation = [.. messages];
        Func<IReadOnlyList<ChatMessage>, ChatResponse>? next;
        lock (_gate)
        {
            next = _requests.Count < _replies.Count ? _replies[_requests.Count] : null;
            _requests.Add(conversation);
            _options.Add(options);
        }

        return Task.FromResult(next?.Invoke(conversation) ?? Reply("Done."));
    }
}
