using System.Diagnostics;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>
/// Open-loop pacing: sends are due at fixed times whatever the answers take (a slow system does not slow the
/// offered load, it builds a queue), up to a cap on sends in flight so a stalled system cannot exhaust the client.
/// </summary>
public static class Pacer
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    /// <returns>How many sends were started.</returns>
    public static async Task<long> RunAsync(double perSecond, TimeSpan duration, int maxInFlight, Func<long, Task> send, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        long started = 0;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            // Past the duration nothing more is started, however far behind the sends are.
            while (started < due && clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                await slots.WaitAsync(cancellationToken);
                var sequence = started++;
                inFlight.Add(SendAsync(sequence));
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(Tick, cancellationToken);
        }

        await Task.WhenAll(inFlight);
        return started;

        async Task SendAsync(long sequence)
        {
            try
            {
                await send(sequence);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
