using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cowork;

/// <summary>
/// Retries model calls that failed for transient reasons (429, 529, 5xx, dropped connections) with exponential
/// backoff, and turns every other failure into a <see cref="ModelException"/> with a one-line message.
/// </summary>
/// <remarks>
/// This is the only retry mechanism: the SDKs' own retries are switched off so that each wait is visible
/// (<paramref name="onRetry"/>) and bounded the same way for every provider.
/// A streamed reply is retried only while nothing of it has been passed on; once part of it has, a break
/// surfaces as <see cref="ModelFailureKind.StreamInterrupted"/> and the agent loop re-asks from the last whole message.
/// </remarks>
public sealed class RetryingChatClient(
    IChatClient innerClient,
    ModelSpec model,
    RetryOptions? options = null,
    Action<string>? onRetry = null,
    TimeProvider? timeProvider = null) : DelegatingChatClient(innerClient)
{
    private readonly RetryOptions _options = options ?? new RetryOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                await WaitOrThrowAsync(ex, attempt, cancellationToken);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var yielded = false;
            Exception? failure = null;
            await using (var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    ChatResponseUpdate update;
                    try
                    {
                        if (!await updates.MoveNextAsync())
                        {
                            yield break;
                        }

                        update = updates.Current;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = ex;
                        break;
                    }

                    yielded = true;
                    yield return update;
                }
            }

            ArgumentNullException.ThrowIfNull(failure);
            if (yielded)
            {
                throw new ModelException(ModelFailureKind.StreamInterrupted,
                    $"The model's reply broke off mid-stream ({failure.Message.Split('\n')[0].TrimEnd('.')}).", failure);
            }

            await WaitOrThrowAsync(failure, attempt, cancellationToken);
        }
    }

    private async Task WaitOrThrowAsync(Exception failure, int attempt, CancellationToken cancellationToken)
    {
        var kind = ModelErrors.Classify(failure);
        if (failure is ModelException passThrough && kind != ModelFailureKind.Transient)
        {
            throw passThrough;
        }

        if (kind != ModelFailureKind.Transient || attempt >= _options.MaxAttempts)
        {
            var message = ModelErrors.Describe(failure, model);
            if (kind == ModelFailureKind.Transient)
            {
                message += $" Gave up after {attempt} attempts.";
            }

            throw new ModelException(kind, message, failure);
        }

        var delay = Backoff(attempt, ModelErrors.RetryAfter(failure));
        onRetry?.Invoke($"{ModelErrors.Describe(failure, model)} Retrying in {delay.TotalSeconds:0.#} s (attempt {attempt + 1} of {_options.MaxAttempts}).");
        await Task.Delay(delay, _time, cancellationToken);
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked < _options.MaxDelay ? asked : _options.MaxDelay;
        }

        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxDelay.TotalMilliseconds));
    }
}
