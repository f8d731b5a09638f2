using System.Collections.Concurrent;
using System.Text.Json;

namespace Cowork.Storage;

/// <summary>
/// Takes the requests other processes leave for a running task (<c>cowork steer</c>, <c>pause</c>, <c>cancel</c>, and
/// approvals answered in <c>cowork attach</c>) and hands each to what acts on it: directions and pauses to the task's
/// <see cref="TaskControl"/>, a cancel to its cancellation source, an answer to whoever waits for it.
/// </summary>
/// <remarks>
/// Polls the store, a few times a second: a request costs one indexed read, and SQLite offers no cross-process
/// notification to wait on. A store that is briefly busy is simply asked again at the next tick.
/// </remarks>
public sealed class ControlPoller : IAsyncDisposable
{
    /// <summary>How often the store is asked. Directions take effect at turn boundaries, so this is far below what a person notices.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    private readonly TaskStore _store;
    private readonly string _taskId;
    private readonly TaskControl _control;
    private readonly CancellationTokenSource _cancelTask;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ApprovalAnswer>> _answers = new(StringComparer.Ordinal);
    private readonly Task _loop;

    private ControlPoller(TaskStore store, string taskId, TaskControl control, CancellationTokenSource cancelTask, TimeSpan interval)
    {
        _store = store;
        _taskId = taskId;
        _control = control;
        _cancelTask = cancelTask;
        Poll();
        _loop = LoopAsync(interval);
    }

    /// <summary>Starts polling; requests already waiting are taken before this returns.</summary>
    public static ControlPoller Start(TaskStore store, string taskId, TaskControl control, CancellationTokenSource cancelTask, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(cancelTask);
        return new ControlPoller(store, taskId, control, cancelTask, interval ?? DefaultInterval);
    }

    /// <summary>The person's answer to approval <paramref name="approvalId"/>, given in another process.</summary>
    public Task<ApprovalAnswer> WaitForAnswerAsync(string approvalId, CancellationToken cancellationToken = default) =>
        Answer(approvalId).Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            Poll();
        }
    }

    private void Poll()
    {
        IReadOnlyList<ControlRequest> requests;
        try
        {
            requests = _store.TakeControls(_taskId);
        }
        catch (StoreException error) when (error.Kind == StoreErrorKind.Busy)
        {
            return;
        }

        foreach (var request in requests)
        {
            switch (request.Kind)
            {
                case ControlKind.Steer when Parse<Steering>(request) is { } steering:
                    _control.Steer(steering);
                    break;
                case ControlKind.Pause:
                    _control.RequestPause();
                    break;
                case ControlKind.Cancel:
                    _cancelTask.Cancel();
                    break;
                case ControlKind.Answer when Parse<ApprovalAnswer>(request) is { } answer:
                    Answer(answer.ApprovalId).TrySetResult(answer);
                    break;
            }
        }
    }

    private TaskCompletionSource<ApprovalAnswer> Answer(string approvalId) =>
        _answers.GetOrAdd(approvalId, _ => new TaskCompletionSource<ApprovalAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static T? Parse<T>(ControlRequest request)
        where T : class
    {
        try
        {
            return request.Payload is null ? null : JsonSerializer.Deserialize<T>(request.Payload, EventJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
