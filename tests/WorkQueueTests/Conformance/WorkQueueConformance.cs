using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>
/// The behaviour every <see cref="IWorkQueue"/> adapter must show, written only against the port. An adapter's test
/// class derives from this, creates fresh queues and declares its <see cref="Capabilities"/>. Time goes through
/// <see cref="Now"/>, <see cref="LetTimePassAsync"/> and <see cref="WhileTimePassesAsync{T}"/>: an adapter on a fake clock
/// (SQLite) moves it, an adapter over a real broker waits for the broker's clock. Absence is proved by a later arrival
/// (<see cref="AssertNothingToReceiveAsync"/>), never by a quiet pause.
/// </summary>
public abstract partial class WorkQueueConformance
{
    /// <summary>The longest a test waits in real time for something that must happen (a generous ceiling).</summary>
    protected static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a receive that must find a message may wait for it: a real broker delivers over the network; on a fake
    /// clock the message is there at once or never, and a wait would only wait for the clock.
    /// </summary>
    protected virtual TimeSpan ArrivalWait => TimeSpan.FromSeconds(5);

    /// <summary>Now on the clock the queue runs on.</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Lets queue time pass: a fake clock is moved; a real broker's clock can only be waited out.</summary>
    protected virtual Task LetTimePassAsync(TimeSpan span) =>
        span > TimeSpan.Zero ? Task.Delay(span) : Task.CompletedTask; // the broker's clock passing a moment is the condition

    /// <summary>Awaits an operation that completes only as queue time passes (a waiting receive), up to <see cref="Ceiling"/>.</summary>
    protected virtual Task<T> WhileTimePassesAsync<T>(Task<T> pending) => pending.WaitAsync(Ceiling);

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

    protected async Task<ReceivedMessage> ReceiveOneAsync(IWorkQueue queue)
    {
        var received = await queue.ReceiveAsync(1, ArrivalWait);
        return Assert.Single(received);
    }

    /// <summary>
    /// Proves that nothing is receivable by a later arrival: a marker sent now comes after anything receivable, so it
    /// must come alone. The marker is completed again.
    /// </summary>
    protected async Task AssertNothingToReceiveAsync(IWorkQueue queue)
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        await queue.SendAsync(TestMessages.Text(marker));
        var received = new List<ReceivedMessage>();
        var deadline = DateTimeOffset.UtcNow + Ceiling;
        while (!received.Exists(m => m.MessageId == marker) && DateTimeOffset.UtcNow < deadline)
        {
            received.AddRange(await queue.ReceiveAsync(10, ArrivalWait));
        }

        foreach (var message in received)
        {
            await queue.CompleteAsync(message);
        }

        Assert.Equal([marker], received.Select(m => m.MessageId));
    }

    /// <summary>Receives until <paramref name="count"/> messages came (or the wait ran out), locking them all.</summary>
    protected async Task<List<ReceivedMessage>> ReceiveAllAsync(IWorkQueue queue, int count)
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

    /// <summary>Lets the queue's clock pass a moment, plus a margin for a broker's clock skew.</summary>
    protected Task WaitUntilPassedAsync(DateTimeOffset moment) => LetTimePassAsync(moment + TimeSpan.FromMilliseconds(300) - Now);

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
            await Task.Delay(100); // a broker's counts catching up with its queue is the condition
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
    protected async Task<ReceivedMessage> SendAndReceiveAsync(IWorkQueue queue, string messageId)
    {
        await queue.SendAsync(TestMessages.Text(messageId));
        return await ReceiveOneAsync(queue);
    }
}
