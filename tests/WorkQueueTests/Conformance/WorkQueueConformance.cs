using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>
/// The behaviour every <see cref="IWorkQueue"/> adapter must show, written only against the port. An adapter's test
/// class derives from this, creates fresh queues and declares its <see cref="Capabilities"/>. Tests use real time
/// (short locks, a few seconds of waiting at most), so an adapter over a real broker can pass them unchanged.
/// </summary>
public abstract partial class WorkQueueConformance
{
    /// <summary>How long a receive that must find a message may wait for it.</summary>
    protected static readonly TimeSpan ArrivalWait = TimeSpan.FromSeconds(5);

    /// <summary>How long a receive that must find nothing waits before we believe it.</summary>
    protected static readonly TimeSpan SilenceWait = TimeSpan.FromMilliseconds(300);

    protected virtual QueueCapabilities Capabilities => QueueCapabilities.Full;

    /// <summary>
    /// The lock duration of tests that watch a lock expire: short for a quick suite, long enough for a loaded 2-core CI
    /// machine running both adapters' suites at once (1 s was not).
    /// </summary>
    protected virtual TimeSpan ShortLock => TimeSpan.FromSeconds(2);

    /// <summary>A connection string the consumer probe (a separate process) can open the queue with.</summary>
    protected abstract string ProbeConnectionString { get; }

    /// <summary>The message id a consumer probe reported, as the test sent it.</summary>
    protected virtual string SentId(string reportedId) => reportedId;

    /// <summary>A new, empty queue with these settings.</summary>
    protected abstract Task<IWorkQueue> CreateQueueAsync(WorkQueueOptions options);

    protected Task<IWorkQueue> CreateQueueAsync(Func<WorkQueueOptions, WorkQueueOptions>? configure = null)
    {
        var options = new WorkQueueOptions { QueueName = $"conformance-{Guid.NewGuid():N}" };
        return CreateQueueAsync(configure?.Invoke(options) ?? options);
    }

    protected static async Task<ReceivedMessage> ReceiveOneAsync(IWorkQueue queue)
    {
        var received = await queue.ReceiveAsync(1, ArrivalWait);
        return Assert.Single(received);
    }

    protected static async Task AssertNothingToReceiveAsync(IWorkQueue queue) =>
        Assert.Empty(await queue.ReceiveAsync(10, SilenceWait));

    /// <summary>Receives until <paramref name="count"/> messages came (or the wait ran out), locking them all.</summary>
    protected static async Task<List<ReceivedMessage>> ReceiveAllAsync(IWorkQueue queue, int count)
    {
        var received = new List<ReceivedMessage>();
        while (received.Count < count)
        {
            var batch = await queue.ReceiveAsync(count - received.Count, ArrivalWait);
            if (batch.Count == 0)
            {
                break;
            }

            received.AddRange(batch);
        }

        return received;
    }

    /// <summary>Waits until a moment on the (broker's, roughly our) clock has passed, plus a margin for skew.</summary>
    protected static async Task WaitUntilPassedAsync(DateTimeOffset moment)
    {
        var wait = moment + TimeSpan.FromMilliseconds(300) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Asserts the counts, waiting for them as long as the adapter's counts may trail the queue.</summary>
    protected async Task AssertCountsAsync(IWorkQueue queue, QueueCounts expected)
    {
        if (!Capabilities.ReportsCounts)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => queue.GetCountsAsync());
            return;
        }

        var deadline = DateTimeOffset.UtcNow + Capabilities.CountsTrailBy;
        var actual = await queue.GetCountsAsync();
        while (actual != expected && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
            actual = await queue.GetCountsAsync();
        }

        Assert.Equal(expected, actual);
    }

    protected QueueCounts Counts(long active, long scheduled, long deadLettered, long inFlight) =>
        new(active, scheduled, deadLettered, Capabilities.ReportsInFlightCount ? inFlight : null);

    protected int ExpectedDeliveryCount(int deliveries) => Capabilities.SupportsDeliveryCount ? deliveries : 1;

    /// <summary>
    /// A queue for a test of lock expiry or renewal; <see langword="null"/> for an adapter without timed locks, after
    /// asserting its declared alternative (renewing throws <see cref="NotSupportedException"/>).
    /// </summary>
    protected async Task<IWorkQueue?> CreateQueueWithTimedLocksAsync(Func<WorkQueueOptions, WorkQueueOptions> configure)
    {
        var queue = await CreateQueueAsync(configure);
        if (Capabilities.SupportsTimedLocks)
        {
            return queue;
        }

        var received = await SendAndReceiveAsync(queue, "untimed");
        await Assert.ThrowsAsync<NotSupportedException>(() => queue.RenewLockAsync(received));
        await queue.CompleteAsync(received);
        return null;
    }

    /// <summary>Sends a message and receives it (the only one in the queue) under a lock.</summary>
    protected static async Task<ReceivedMessage> SendAndReceiveAsync(IWorkQueue queue, string messageId)
    {
        await queue.SendAsync(TestMessages.Text(messageId));
        return await ReceiveOneAsync(queue);
    }
}
