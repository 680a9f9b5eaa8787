using System.Collections.Concurrent;
using System.Reflection;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.Sqlite;
using EdaAspire.WorkQueueTests.Outage;
using EdaAspire.WorkQueueTests.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdaAspire.WorkQueueTests.Hosting;

/// <summary>
/// The receive loop the fulfillment workers run (<see cref="CompetingConsumers"/>), against a queue whose receives fail
/// on command: it backs off instead of spinning, reports each outage once, and the same loop resumes when it answers; and it
/// handles no more messages at once than its concurrency.
/// </summary>
public sealed class CompetingConsumersTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TemporaryDatabase _database = new();
    private readonly RecordingLogger _log = new();

    /// <summary>Below the shortest backoff (MinBackoff less its jitter).</summary>
    private static readonly TimeSpan ClockStep = TimeSpan.FromMilliseconds(10);

    private static readonly CompetingConsumersOptions FastOptions = new()
    {
        Concurrency = 2,
        ReceiveWait = TimeSpan.FromMilliseconds(200),
        MinBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task The_same_loop_backs_off_while_receiving_fails_reports_each_outage_once_and_resumes_when_it_answers()
    {
        var time = new FakeTimeProvider();
        var queue = FailingReceives.Wrap(new SqliteWorkQueue(_database.ConnectionString, new WorkQueueOptions { QueueName = "loops" }));
        var failing = (FailingReceives)(object)queue;
        var handled = new ConcurrentDictionary<string, bool>();
        var consumers = new CompetingConsumers(queue, async (message, cancellationToken) =>
        {
            handled[message.MessageId] = true;
            await queue.CompleteAsync(message, cancellationToken);
        }, FastOptions, time, _log);
        using var stop = new CancellationTokenSource();
        var running = consumers.RunAsync(stop.Token);

        for (var outage = 1; outage <= 2; outage++)
        {
            failing.Failing = true;
            var before = failing.FailedReceives;
            // The loop retries only when its backoff has run out on its clock, never in a spin. The clock moves in steps
            // shorter than the shortest backoff, so a step lets at most one retry through, whenever the loop reaches its wait.
            for (var retry = 1; retry <= 5; retry++)
            {
                await WaitUntilAsync(() => failing.FailedReceives >= before + retry, () => time.Advance(ClockStep));
                Assert.Equal(before + retry, failing.FailedReceives);
            }

            Assert.True(consumers.IsQueueFailing);
            Assert.Equal(outage, _log.Count(LogLevel.Warning)); // once per outage, not per try

            failing.Failing = false;
            var ids = Enumerable.Range(0, 10).Select(i => $"outage-{outage}-{i}").ToList();
            await queue.SendAsync([.. ids.Select(id => new QueueMessage { MessageId = id })]);
            await WaitUntilAsync(() => ids.All(handled.ContainsKey), () => time.Advance(FastOptions.MaxBackoff));
            Assert.False(consumers.IsQueueFailing);
            Assert.Equal(outage, _log.Count(LogLevel.Information)); // and once when it ends
        }

        Assert.False(running.IsCompleted); // never ended by a failure
        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        Assert.Equal(0, _log.Count(LogLevel.Error));
    }

    [Fact]
    public async Task A_handler_that_throws_does_not_stop_its_loop()
    {
        var queue = new SqliteWorkQueue(_database.ConnectionString, new WorkQueueOptions { QueueName = "throwing" });
        var handled = new ConcurrentDictionary<string, bool>();
        var consumers = new CompetingConsumers(queue, async (message, cancellationToken) =>
        {
            if (message.MessageId == "poison")
            {
                throw new InvalidOperationException("handler bug");
            }

            handled[message.MessageId] = true;
            await queue.CompleteAsync(message, cancellationToken);
        }, FastOptions with { Concurrency = 1 }, logger: _log);
        using var stop = new CancellationTokenSource();
        var running = consumers.RunAsync(stop.Token);

        await queue.SendAsync([new QueueMessage { MessageId = "poison" }, new QueueMessage { MessageId = "next" }]);
        await WaitUntilAsync(() => handled.ContainsKey("next"));

        Assert.True(_log.Count(LogLevel.Error) >= 1);
        Assert.False(consumers.IsQueueFailing); // a handler's failure is not the queue's
        await stop.CancelAsync();
        await running.WaitAsync(Patience);
    }

    [Fact]
    public async Task Handles_up_to_its_concurrency_at_once_and_locks_no_message_it_cannot_handle_yet()
    {
        var queue = FailingReceives.Wrap(new SqliteWorkQueue(_database.ConnectionString, new WorkQueueOptions { QueueName = "slots" }));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var mostAtOnce = 0;
        var mostAsked = 0;
        // Checked at each receive itself: asking for more than the free handlers would lock messages left waiting.
        ((FailingReceives)(object)queue).BeforeReceive = maxMessages => InterlockedMax(ref mostAsked, maxMessages + Volatile.Read(ref running));
        var handled = new ConcurrentDictionary<string, bool>();
        var consumers = new CompetingConsumers(queue, async (message, cancellationToken) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            await gate.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref running);
            await queue.CompleteAsync(message, cancellationToken);
            handled[message.MessageId] = true;
        }, FastOptions with { Concurrency = 3 }, logger: _log);
        using var stop = new CancellationTokenSource();
        var loop = consumers.RunAsync(stop.Token);

        await queue.SendAsync([.. Enumerable.Range(0, 10).Select(i => new QueueMessage { MessageId = $"m-{i}" })]);
        await WaitUntilAsync(() => Volatile.Read(ref running) == 3);

        Assert.Equal(3, (await queue.GetCountsAsync()).InFlight); // the other 7 stay receivable by other processes
        gate.SetResult();
        await WaitUntilAsync(() => handled.Count == 10);
        Assert.Equal(3, mostAtOnce);
        Assert.InRange(mostAsked, 1, 3);
        await stop.CancelAsync();
        await loop.WaitAsync(Patience);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    [Fact]
    public void Backoff_doubles_from_the_minimum_up_to_the_maximum_with_jitter()
    {
        var options = new CompetingConsumersOptions { MinBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(5) };
        Assert.InRange(CompetingConsumers.Backoff(1, options), TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(240));
        Assert.InRange(CompetingConsumers.Backoff(3, options), TimeSpan.FromMilliseconds(640), TimeSpan.FromMilliseconds(960));
        Assert.InRange(CompetingConsumers.Backoff(100, options), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
    }

    /// <param name="step">Run between checks, e.g. moving a fake clock on.</param>
    private static async Task WaitUntilAsync(Func<bool> condition, Action? step = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {Patience}");
            step?.Invoke();
            await Task.Delay(20); // a wait for the loop's next step, checked again each time
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        _database.Dispose();
    }

    /// <summary>A queue whose receives throw while <see cref="Failing"/> is set, as an unreachable store's do; all else passes through.</summary>
    public class FailingReceives : DispatchProxy
    {
        private IWorkQueue? _inner;
        private int _failedReceives;
        private volatile bool _failing;

        public bool Failing
        {
            get => _failing;
            set => _failing = value;
        }

        public static IWorkQueue Wrap(IWorkQueue inner)
        {
            var queue = Create<IWorkQueue, FailingReceives>();
            ((FailingReceives)(object)queue)._inner = inner;
            return queue;
        }

        /// <summary>The receives that failed so far.</summary>
        public int FailedReceives => Volatile.Read(ref _failedReceives);

        /// <summary>Called with each receive's maxMessages before it runs.</summary>
        public Action<int>? BeforeReceive { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IWorkQueue.ReceiveAsync))
            {
                BeforeReceive?.Invoke((int)args![0]!);
            }

            if (Failing && targetMethod.Name == nameof(IWorkQueue.ReceiveAsync))
            {
                Interlocked.Increment(ref _failedReceives);
                return Task.FromException<IReadOnlyList<ReceivedMessage>>(new IOException("The queue's store is unreachable."));
            }

            return targetMethod.Invoke(_inner, args);
        }
    }
}
