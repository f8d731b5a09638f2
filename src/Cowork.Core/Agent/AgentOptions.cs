namespace Cowork;

/// <summary>Limits and policy for one run of a task.</summary>
public sealed class AgentOptions
{
    private int _maxTurns = 40;
    private int _maxStreamRecoveries = 2;

    /// <summary>Model calls allowed for the whole task, planning included. Default 40; at least 2 (one to plan, one to act).</summary>
    public int MaxTurns
    {
        get => _maxTurns;
        set => _maxTurns = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A task needs at least 2 turns.");
    }

    /// <summary>How often a reply that broke off mid-stream is asked for again before the task fails. Default 2.</summary>
    public int MaxStreamRecoveries
    {
        get => _maxStreamRecoveries;
        set => _maxStreamRecoveries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public PermissionPolicy Permissions { get; set; } = new();

    /// <summary>What the task may spend. Default: no limit.</summary>
    public TaskBudget Budget { get; set; } = TaskBudget.None;

    /// <summary>What all tasks may spend today, and what they already did. Default: no limit.</summary>
    public DailyBudget Daily { get; set; } = DailyBudget.None;

    /// <summary>Model prices for cost budgets and estimates.</summary>
    public PriceTable Prices { get; set; } = new();

    /// <summary>How the conversation is kept within the model's context window, and large tool results out of it.</summary>
    public ContextOptions Context { get; set; } = new();

    /// <summary>Retry behaviour for model calls; <see langword="null"/> for the defaults.</summary>
    public RetryOptions? Retry { get; set; }
}
