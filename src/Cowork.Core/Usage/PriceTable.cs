namespace Cowork;

/// <summary>
/// Known model prices, for cost estimates and cost budgets. Built in for common models (list prices; they change, so
/// the person's config file can add or override entries under "prices"); local models cost nothing.
/// </summary>
public sealed class PriceTable
{
    private static readonly Dictionary<string, ModelPrice> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["anthropic:claude-opus-4"] = new(15m, 75m, 1.5m, 18.75m),
        ["anthropic:claude-sonnet-4"] = new(3m, 15m, 0.3m, 3.75m),
        ["anthropic:claude-haiku-4"] = new(1m, 5m, 0.1m, 1.25m),
        ["openai:gpt-4.1"] = new(2m, 8m, 0.5m, 2m),
        ["openai:gpt-4.1-mini"] = new(0.4m, 1.6m, 0.1m, 0.4m),
        ["openai:gpt-4o"] = new(2.5m, 10m, 1.25m, 2.5m),
    };

    private readonly Dictionary<string, ModelPrice> _prices;

    public PriceTable(IReadOnlyDictionary<string, ModelPrice>? overrides = null)
    {
        _prices = new Dictionary<string, ModelPrice>(BuiltIn, StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in overrides ?? new Dictionary<string, ModelPrice>())
        {
            _prices[model] = price;
        }
    }

    /// <summary>
    /// The price of <paramref name="model"/> ("provider:name"): an exact entry, else the longest entry it starts with
    /// ("anthropic:claude-sonnet-4" prices "anthropic:claude-sonnet-4-5"); else zero for offline, scripted and Ollama
    /// models, which run locally; <see langword="null"/> when unknown.
    /// </summary>
    public ModelPrice? For(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = model.ToString();
        if (_prices.TryGetValue(key, out var exact))
        {
            return exact;
        }

        var prefix = _prices.Where(p => key.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Key.Length).Select(p => p.Value).FirstOrDefault();
        if (prefix is not null)
        {
            return prefix;
        }

        return model.Provider is ModelProvider.Offline or ModelProvider.Scripted or ModelProvider.Ollama ? new ModelPrice(0, 0, 0, 0) : null;
    }

    /// <summary>The estimated cost of <paramref name="usage"/> by a model named as the store keeps it; 0 when its price is unknown.</summary>
    public decimal CostOf(string model, UsageTotals usage)
    {
        try
        {
            return For(ModelSpec.Parse(model))?.Cost(usage) ?? 0;
        }
        catch (CoworkConfigurationException)
        {
            return 0; // A model name from an older record that no longer parses has no price.
        }
    }
}
