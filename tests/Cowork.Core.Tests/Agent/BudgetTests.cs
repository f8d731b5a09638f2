using Microsoft.Extensions.AI;

namespace Cowork.Tests;

public sealed class BudgetTests
{
    private static readonly ModelSpec Model = ModelSpec.Parse("scripted:budget");

    /// <summary>A model that keeps planning (every call uses 500 in + 100 out tokens) and never finishes.</summary>
    private static ScriptedChatClient Spender() => new(Enumerable.Range(0, 50).Select(i =>
        (Func<IReadOnlyList<ChatMessage>, ChatResponse>)(_ => ScriptedChatClient.Reply(
            calls: [(ToolNames.UpdatePlan, $$"""{"steps":[{"title":"Step {{i}}","status":"done"}]}""")], inputTokens: 500, outputTokens: 100))));

    [Fact]
    public async Task A_token_budget_warns_at_80_percent_and_stops_cleanly_when_used_up()
    {
        var model = Spender();
        var options = TestRun.Options();
        options.Budget = new TaskBudget(MaxTokens: 1500);

        var (task, events) = await TestRun.RunAsync(model, Model, options: options);

        Assert.Equal(StopReason.BudgetReached, task.StopReason);
        Assert.Equal(TaskState.Paused, task.State);
        Assert.Equal(3, model.Requests.Count); // 600, 1200 (warning), 1800: the fourth call is never made.
        Assert.Equal(1800, task.Usage.InputTokens + task.Usage.OutputTokens);
        Assert.Contains("1,800 of 1,500 tokens", task.FinalMessage, StringComparison.Ordinal);
        var warning = Assert.Single(events.Of<Warning>(), w => w.Message.Contains("budget", StringComparison.Ordinal));
        Assert.Contains("1,200 of 1,500 tokens", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cost_budget_uses_the_price_table()
    {
        var model = Spender();
        var options = TestRun.Options();
        options.Budget = new TaskBudget(MaxCost: 0.01m);
        options.Prices = new PriceTable(new Dictionary<string, ModelPrice> { ["scripted:budget"] = new(Input: 4m, Output: 20m, CacheRead: 0.4m, CacheWrite: 5m) });

        // Each call costs 500 * $4/M + 100 * $20/M = $0.004: the third call passes $0.01.
        var (task, _) = await TestRun.RunAsync(model, Model, options: options);

        Assert.Equal(StopReason.BudgetReached, task.StopReason);
        Assert.Equal(3, model.Requests.Count);
    }

    [Fact]
    public async Task The_daily_limit_counts_what_other_tasks_used_today_and_stops_this_one_when_it_is_reached()
    {
        var model = Spender();
        var options = TestRun.Options();
        options.Daily = new DailyBudget(MaxTokens: 10_000, MaxCost: null, TokensBefore: 8_500, CostBefore: 0);

        var (task, events) = await TestRun.RunAsync(model, Model, options: options);

        // 8,500 before; 9,100 after the first call (warning), 9,700, 10,300: the fourth call is never made.
        Assert.Equal(StopReason.BudgetReached, task.StopReason);
        Assert.Equal(3, model.Requests.Count);
        Assert.Contains("10,300 of 10,000 tokens today", task.FinalMessage, StringComparison.Ordinal);
        Assert.Contains("daily limit", task.FinalMessage, StringComparison.Ordinal);
        Assert.Contains(events.Of<Warning>(), w => w.Message.Contains("9,100 of 10,000 tokens today", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("anthropic:claude-sonnet-4-5", 3.0)]
    [InlineData("anthropic:claude-opus-4-1", 15.0)]
    [InlineData("ollama:llama3.1", 0.0)]
    public void Prices_match_by_the_longest_known_prefix(string model, double input) =>
        Assert.Equal((decimal)input, new PriceTable().For(ModelSpec.Parse(model))!.Input);

    [Fact]
    public void An_unknown_model_has_no_price_and_cache_tokens_are_priced_apart()
    {
        Assert.Null(new PriceTable().For(ModelSpec.Parse("openai:some-new-model")));
        var price = new ModelPrice(Input: 3m, Output: 15m, CacheRead: 0.3m, CacheWrite: 3.75m);
        // 1M input of which 0.5M cache reads: 0.5M * 3 + 0.5M * 0.3 = 1.65; 0.1M output * 15 = 1.5.
        Assert.Equal(3.15m, price.Cost(new UsageTotals(1, 1_000_000, 100_000, 500_000, 0)));
    }
}
