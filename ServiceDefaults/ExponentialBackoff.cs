namespace EdaAspire.ServiceDefaults;

/// <summary>
/// The one backoff formula for code that schedules its own next attempt (an idle poll's pause, a message's redelivery, an
/// outbox row's next try): from a first pause, doubling with each failure up to a cap. A retry loop around one call
/// uses a Polly pipeline instead (the Kafka subscription's <c>SubscriptionRetry</c>).
/// </summary>
public static class ExponentialBackoff
{
    /// <summary>The pause after <paramref name="attempt"/> failures (from 1): first × 2^(attempt − 1), at most <paramref name="max"/>.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max)
    {
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, max.TotalMilliseconds));
    }

    /// <summary>
    /// <see cref="Delay"/> spread ±<paramref name="spread"/> (a fraction), so that the clients of one queue (loops,
    /// processes, connections) do not retry in step.
    /// </summary>
    public static TimeSpan Jittered(int attempt, TimeSpan first, TimeSpan max, double spread = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spread);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spread, 1);
#pragma warning disable CA5394 // jitter, not security
        return Delay(attempt, first, max) * (1 - spread + (Random.Shared.NextDouble() * 2 * spread));
#pragma warning restore CA5394
    }
}
