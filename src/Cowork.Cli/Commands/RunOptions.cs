using System.CommandLine;

namespace Cowork.Cli.Commands;

/// <summary>
/// The options <c>cowork run</c> and <c>cowork resume</c> share: approval, output, limits and running in the background.
/// </summary>
internal sealed class RunOptions
{
    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Approve the plan without asking." };

    public Option<bool> Json { get; } = new("--json") { Description = "Write one JSON event per line on standard output." };

    public Option<int?> MaxTurns { get; } = new("--max-turns") { Description = "The most model turns the task may take (default 40)." };

    public Option<long?> MaxTokens { get; } = new("--max-tokens") { Description = "Stop the task once it has used this many tokens (input + output)." };

    public Option<decimal?> MaxCost { get; } = new("--max-cost") { Description = "Stop the task once its estimated cost reaches this many US dollars." };

    public Option<bool> Detach { get; } = new("--detach", "-d")
    {
        Description = "Run in the background: follow with `cowork attach`, steer with `cowork steer`, stop with `cowork cancel`.",
    };

    /// <summary>Set on the background process <c>--detach</c> starts: it answers approvals from <c>cowork attach</c>.</summary>
    public Option<bool> DetachedChild { get; } = new("--detached-child") { Hidden = true };

    public void AddTo(Command command)
    {
        command.Add(Yes);
        command.Add(Json);
        command.Add(MaxTurns);
        command.Add(MaxTokens);
        command.Add(MaxCost);
        command.Add(Detach);
        command.Add(DetachedChild);
    }

    /// <summary>Limits and policy from the options, then the config file.</summary>
    /// <exception cref="CoworkConfigurationException">A limit is out of range, or a cost budget has no price for the model.</exception>
    public AgentOptions AgentOptions(ParseResult parsed, CoworkConfig config, ModelSpec model, CoworkPaths paths)
    {
        var maxTurns = parsed.GetValue(MaxTurns) ?? config.MaxTurns ?? 40;
        if (maxTurns < 2)
        {
            throw new CoworkConfigurationException($"--max-turns {maxTurns} is too few: a task needs at least 2 turns (one to plan, one to act).");
        }

        var budget = new TaskBudget(parsed.GetValue(MaxTokens) ?? config.MaxTokensPerTask, parsed.GetValue(MaxCost) ?? config.MaxCostPerTask);
        if (budget.MaxTokens is <= 0 || budget.MaxCost is <= 0)
        {
            throw new CoworkConfigurationException("--max-tokens and --max-cost must be more than zero.");
        }

        var prices = new PriceTable(config.Prices);
        if (budget.MaxCost is not null && prices.For(model) is null)
        {
            throw new CoworkConfigurationException($"--max-cost needs the price of {model}: add it under \"prices\" in {paths.ConfigFile}, or use --max-tokens.");
        }

        return new AgentOptions
        {
            MaxTurns = maxTurns,
            Permissions = new PermissionPolicy(config.Permissions),
            Budget = budget,
            Prices = prices,
            Daily = Daily(config, prices, paths),
            Context = new ContextOptions { WindowTokens = config.ContextWindowFor(model) },
        };
    }

    /// <summary>The config's daily limits with what every task used earlier today (costs of unpriced models count as nothing).</summary>
    private static DailyBudget Daily(CoworkConfig config, PriceTable prices, CoworkPaths paths)
    {
        if (config.MaxTokensPerDay is null && config.MaxCostPerDay is null)
        {
            return DailyBudget.None;
        }

        if (config.MaxTokensPerDay is <= 0 || config.MaxCostPerDay is <= 0)
        {
            throw new CoworkConfigurationException($"max_tokens_per_day and max_cost_per_day in {paths.ConfigFile} must be more than zero.");
        }

        var today = DateOnly.FromDateTime(DateTime.Now);
        using var store = Storage.TaskStore.Open(paths.Home);
        var usage = store.Usage(today, today);
        var cost = usage.ByModel.Sum(m => prices.CostOf(m.Model, m.Usage));
        return new DailyBudget(config.MaxTokensPerDay, config.MaxCostPerDay, usage.Total.InputTokens + usage.Total.OutputTokens, cost);
    }

    /// <summary>The options again, for the background process <c>--detach</c> starts.</summary>
    public IEnumerable<string> Forward(ParseResult parsed)
    {
        if (parsed.GetValue(Yes))
        {
            yield return "--yes";
        }

        if (parsed.GetValue(MaxTurns) is { } turns)
        {
            yield return "--max-turns";
            yield return turns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (parsed.GetValue(MaxTokens) is { } tokens)
        {
            yield return "--max-tokens";
            yield return tokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (parsed.GetValue(MaxCost) is { } cost)
        {
            yield return "--max-cost";
            yield return cost.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        yield return "--detached-child";
    }
}
