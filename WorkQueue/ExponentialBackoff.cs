namespace EdaAspire.WorkQueue;

/// <summary>
/// The pause after a run of failures: from a first pause, doubling with each failure up to a cap, with ±20 % jitter so
/// that the clients of one queue (loops, processes, connections) do not retry in step.
/// </summary>
internal static class ExponentialBackoff
{
    public static TimeSpan After(int failures, TimeSpan first, TimeSpan max)
    {
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var capped = Math.Min(doubled, max.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
#pragma warning restore CA5394
    }
}
