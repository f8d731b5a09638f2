using System.Collections.Concurrent;

namespace Cowork;

/// <summary>
/// What the person tells a running task while it works: directions for the model, plan edits, a pause.
/// The runner takes them at turn boundaries (never mid-stream); cancellation is the run's cancellation token.
/// </summary>
/// <remarks>
/// Thread-safe: the live view, a poller of other processes' requests and the runner use it at once.
/// </remarks>
public sealed class TaskControl
{
    private readonly ConcurrentQueue<Steering> _steering = new();
    private volatile bool _pauseRequested;

    /// <summary>Raised (on the caller's thread) when something was queued, so a waiting runner can look.</summary>
    public event Action? Changed;

    public bool PauseRequested => _pauseRequested;

    public bool HasSteering => !_steering.IsEmpty;

    /// <summary>Queues a direction for the model; it reaches the model at the next turn boundary.</summary>
    public void Steer(Steering steering)
    {
        ArgumentNullException.ThrowIfNull(steering);
        _steering.Enqueue(steering);
        Changed?.Invoke();
    }

    /// <summary>Asks the task to stop at the next turn boundary as paused; <c>cowork continue</c> resumes it.</summary>
    public void RequestPause()
    {
        _pauseRequested = true;
        Changed?.Invoke();
    }

    public bool TryTake(out Steering steering) => _steering.TryDequeue(out steering!);
}
