using Polly;
using Polly.Retry;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// How a subscription retries a batch or a checkpoint read: exponential backoff with jitter (so the members of a group
/// do not retry in step), capped at <see cref="KafkaSubscriptionOptions.MaxRetryDelay"/>, waiting on the subscription's
/// <see cref="TimeProvider"/>.
/// </summary>
public static class SubscriptionRetry
{
    /// <summary>The median of the first pause; each further one doubles it.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    /// <param name="maxAttempts">Attempts in all; <see cref="int.MaxValue"/> retries until it succeeds or is stopped.</param>
    /// <param name="retries">Which failures are retried; any other is thrown at once.</param>
    /// <param name="onRetry">Told of each failure that is retried, its attempt (from 1) and the pause before the next.</param>
    public static ResiliencePipeline Create(
        int maxAttempts, TimeSpan maxDelay, TimeProvider time, Func<Exception, bool> retries, Action<Exception, int, TimeSpan> onRetry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentNullException.ThrowIfNull(retries);
        ArgumentNullException.ThrowIfNull(onRetry);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (maxAttempts == 1)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = maxAttempts == int.MaxValue ? int.MaxValue : maxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = FirstDelay,
            MaxDelay = maxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && retries(error)),
            OnRetry = args =>
            {
                onRetry(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
