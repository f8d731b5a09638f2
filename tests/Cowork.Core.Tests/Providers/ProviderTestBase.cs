using Microsoft.Extensions.AI;

namespace Cowork.Tests;

/// <summary>
/// What the provider tests share: a loopback server, a <c>lookup_fact</c> tool that records its calls, and a run of
/// the real pipeline and <see cref="AgentRunner"/> against the server.
/// </summary>
public abstract class ProviderTestBase : IAsyncLifetime
{
    // Two lines and non-ASCII: the model must get the tool's text as it is, not its JSON encoding.
    protected const string Fact = "The moon causes the tides.\nSee: « Marées », Café Lune.";

    protected List<string> Lookups { get; } = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The loopback server the provider talks to.</summary>
    private protected abstract IAsyncDisposable Server { get; }

    /// <summary>The provider's client (through <see cref="ModelClientFactory"/>) pointed at <see cref="Server"/>.</summary>
    private protected abstract (IChatClient Client, ModelSpec Model) Connect(string? model);

    private protected TestToolset Tools() => new(TestToolset.Tool("lookup_fact", (string topic) =>
    {
        lock (Lookups)
        {
            Lookups.Add(topic);
        }

        return Fact;
    }, ToolEffects.Read, "Looks up a fact about a topic."));

    private protected async Task<(CoworkTask Task, EventRecorder Events)> RunAsync(AgentOptions? options = null, string? model = null)
    {
        using var watchdog = TestRun.Watchdog();
        var (client, spec) = Connect(model);
        using (client)
        {
            return await TestRun.RunAsync(client, spec, [Tools()], options: options, request: "Why are there tides?", cancellationToken: watchdog.Token);
        }
    }
}
