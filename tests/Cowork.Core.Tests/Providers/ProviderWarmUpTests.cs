namespace Cowork.Tests;

/// <summary>
/// The provider warm-up that <c>cowork run</c> starts beside the task set-up: it must work (or it saves nothing),
/// and it must never reach the network or the configured endpoint.
/// </summary>
public sealed class ProviderWarmUpTests
{
    [Fact]
    public async Task The_anthropic_dry_run_completes_through_the_real_sdk_and_adapter()
    {
        using var watchdog = TestRun.Watchdog();

        // Called directly, so a failure (say, an SDK update that reads the canned stream differently) is not swallowed.
        await AnthropicClients.WarmUpAsync("claude-test", 1024).WaitAsync(watchdog.Token);
    }

    [Fact]
    public async Task The_warm_up_sends_nothing_to_the_configured_endpoint_and_needs_no_key()
    {
        using var watchdog = TestRun.Watchdog();
        await using var server = new LoopbackAnthropicServer();
        var environment = new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = server.BaseUrl };
        var settings = new ProviderSettings(name => environment.GetValueOrDefault(name), new Dictionary<string, string> { ["anthropic"] = server.BaseUrl });

        var warmUp = ModelClientFactory.StartWarmUp(ModelSpec.Parse("anthropic:claude-test"), settings);
        await warmUp.WaitAsync(watchdog.Token);

        Assert.True(warmUp.IsCompletedSuccessfully);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("offline")]
    [InlineData("openai:gpt-test")]
    public void Providers_without_a_dry_run_do_nothing(string spec)
    {
        var settings = new ProviderSettings(_ => null, new Dictionary<string, string>());

        Assert.True(ModelClientFactory.StartWarmUp(ModelSpec.Parse(spec), settings).IsCompletedSuccessfully);
    }
}
