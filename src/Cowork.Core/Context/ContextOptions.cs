namespace Cowork;

/// <summary>How a task keeps its conversation within the model's context window.</summary>
public sealed class ContextOptions
{
    private double _budgetShare = 0.6;
    private double _recentShare = 0.3;
    private double _summaryShare = 0.15;
    private int? _windowTokens;
    private int _maxBudgetTokens = 32_000;
    private int _largeResultChars = 16 * 1024;
    private int _resultHeadChars = 2_000;

    /// <summary>Whether older turns are compacted when the conversation nears the budget. Default on.</summary>
    public bool Compaction { get; set; } = true;

    /// <summary>
    /// The share of the model's context window a request may fill before older turns are compacted. Default 0.6, which
    /// leaves room for the reply and for the estimate's error; between 0.05 and 0.95.
    /// </summary>
    public double BudgetShare
    {
        get => _budgetShare;
        set => _budgetShare = value is >= 0.05 and <= 0.95 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Between 0.05 and 0.95.");
    }

    /// <summary>
    /// The most tokens a request may hold before older turns are compacted, whatever the window: every token is sent (and
    /// paid for, cached or not) on every call of the tool loop, so a long task works from a summary and its recent turns,
    /// re-reading what it needs. Default 32,000; at least 2,000.
    /// </summary>
    public int MaxBudgetTokens
    {
        get => _maxBudgetTokens;
        set => _maxBudgetTokens = value >= 2_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 2,000 tokens.");
    }

    /// <summary>
    /// The share of the budget the most recent turns may take, kept verbatim when the older ones are compacted. Default 0.3;
    /// between 0.05 and 0.8. The rest is headroom, so a compaction is followed by many calls without one.
    /// </summary>
    public double RecentShare
    {
        get => _recentShare;
        set => _recentShare = value is >= 0.05 and <= 0.8 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Between 0.05 and 0.8.");
    }

    /// <summary>The share of the budget the summary of older turns may take. Default 0.15; between 0.02 and 0.5.</summary>
    public double SummaryShare
    {
        get => _summaryShare;
        set => _summaryShare = value is >= 0.02 and <= 0.5 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Between 0.02 and 0.5.");
    }

    /// <summary>
    /// The model's context window in tokens, when it is not the one <see cref="ContextWindows"/> knows (a local model
    /// served with a larger or smaller context). Default <see langword="null"/>: the known window. At least 1,000.
    /// The offline planner and scripted models have no window, and this does not give them one.
    /// </summary>
    public int? WindowTokens
    {
        get => _windowTokens;
        set => _windowTokens = value is null or >= 1_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 1,000 tokens.");
    }

    /// <summary>Who writes the summary of older turns. Default <see cref="ContextSummaries.Model"/>.</summary>
    public ContextSummaries Summaries { get; set; } = ContextSummaries.Model;

    /// <summary>
    /// Tool results longer than this (in characters) are kept as task artifacts; the model gets their head and a handle to
    /// read more. Default 16 KiB; at least 1,024.
    /// </summary>
    public int LargeResultChars
    {
        get => _largeResultChars;
        set => _largeResultChars = value >= 1_024 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 1,024 characters.");
    }

    /// <summary>How much of a large result the model sees inline, in characters. Default 2,000; at least 200 and below <see cref="LargeResultChars"/>.</summary>
    public int ResultHeadChars
    {
        get => _resultHeadChars;
        set => _resultHeadChars = value >= 200 && value < _largeResultChars
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), "At least 200 characters and less than LargeResultChars.");
    }
}
