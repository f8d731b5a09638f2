namespace Cowork;

/// <summary>How <see cref="RetryingChatClient"/> retries transient failures.</summary>
public sealed class RetryOptions
{
    private int _maxAttempts = 5;
    private TimeSpan _baseDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all, the first included. Default 5; at least 1.</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        set => _maxAttempts = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least one attempt.");
    }

    /// <summary>The delay before the first retry; it doubles each time, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay
    {
        get => _baseDelay;
        set => _baseDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>The longest wait between attempts, including a provider's Retry-After. Default 30 s.</summary>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }
}
