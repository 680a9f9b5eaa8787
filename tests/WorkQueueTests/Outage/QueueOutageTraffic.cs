using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using EdaAspire.ServiceDefaults;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdaAspire.WorkQueueTests.Outage;

/// <summary>
/// Traffic through one queue while its store or broker goes away and comes back. Producers send one message at a time
/// and retry a failed send of the same message with backoff, as the saga's outbox relay does. The consumers are the
/// production receive loops (<see cref="CompetingConsumers"/>, which the fulfillment workers run) with a handler that
/// applies each message id's effect once, deduplicating as the real handlers do, and then completes the message. The
/// traffic keeps a ledger of every send attempt, delivery and settlement, from which <see cref="OutageFigures"/> come.
/// </summary>
internal sealed class QueueOutageTraffic : IAsyncDisposable
{
    private const int Producers = 2;
    private const int Handlers = 4;
    private const int Backlog = 400;
    private static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan FirstSendBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxSendBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(10); // the handler's call to a downstream system

    // On a loaded 2-core CI machine everything may take a few times longer than on a quiet one; these bound a hang.
    // Resuming is bounded by the receive loops' backoff and the adapter's own reconnect backoff (AMQP; 5 s at most each),
    // so producers and consumers that have not resumed a minute after the store came back never will.
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ResumeTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(1);

    private readonly IWorkQueue _sender;
    private readonly IWorkQueue _receiver;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopSending = new();
    private readonly CancellationTokenSource _stopReceiving = new();
    private readonly ConcurrentQueue<SendAttempt> _attempts = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _effects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _completed = new(StringComparer.Ordinal);
    private readonly Task _producing;
    private readonly Task _consuming;
    private int _settleFailures;
    private volatile string _phase = "before";

    private QueueOutageTraffic(IWorkQueue sender, IWorkQueue receiver)
    {
        _sender = sender;
        _receiver = receiver;
        // Created once: the test never re-creates or restarts the loops, whatever happens to the store.
        var consumers = new CompetingConsumers(receiver, HandleAsync, new CompetingConsumersOptions { Concurrency = Handlers }, logger: ConsumerLog);
        _consuming = consumers.RunAsync(_stopReceiving.Token);
        _producing = Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(() => ProduceAsync(p))));
    }

    public RecordingLogger ConsumerLog { get; } = new();

    private TimeSpan Now => _clock.Elapsed;

    /// <summary>
    /// Runs the traffic through an outage: a few seconds of normal traffic, then a backlog is sent and
    /// <paramref name="takeDown"/> takes the store away, it stays away for <paramref name="hold"/> while producers and
    /// consumers keep trying, <paramref name="bringBack"/> returns it, and once the consumers resume the producers stop
    /// and every acknowledged message must be received and completed. Sends and receives go through separate queue
    /// instances (<paramref name="sender"/>, <paramref name="receiver"/>), as from separate processes.
    /// </summary>
    public static async Task<OutageFigures> RunAsync(
        IWorkQueue sender, IWorkQueue receiver, Func<Task> takeDown, TimeSpan hold, Func<Task> bringBack, ITestOutputHelper output)
    {
        await using var traffic = new QueueOutageTraffic(sender, receiver);
        var started = traffic.Now;
        await traffic.WaitForAsync(() => !traffic._completed.IsEmpty, WarmUpTimeout, "the first message to be completed");
        await Task.Delay(TimeSpan.FromSeconds(3)); // steady traffic before the outage: the scenario, not a wait for an assertion

        // A backlog waits in the queue when the store goes, so the receive loops meet the outage too (not only sends).
        await sender.SendAsync([.. Enumerable.Range(0, Backlog).Select(i => Message($"backlog-{i}"))]);
        traffic.Acknowledge(Enumerable.Range(0, Backlog).Select(i => $"backlog-{i}"));
        traffic._phase = "during";
        var (down, downAt) = (traffic.Now, DateTimeOffset.UtcNow);
        await takeDown();
        await Task.Delay(hold); // the outage itself lasts this long while producers and consumers keep trying
        await bringBack();
        var (back, backAt) = (traffic.Now, DateTimeOffset.UtcNow);
        traffic._phase = "after";
        var failingSeen = traffic.ConsumerLog.Count(LogLevel.Warning) > 0;

        // The same loops and producers resume by themselves.
        var consumersResumed = await traffic.FirstAfterAsync(traffic._completed, back, "a completion after the store came back") - back;
        var producersResumed = await traffic.FirstAfterAsync(traffic._acknowledged, back, "an acknowledged send after the store came back") - back;
        await Task.Delay(TimeSpan.FromSeconds(2)); // traffic goes on after the resumption, so the drain meets new sends too
        await traffic._stopSending.CancelAsync();
        await traffic._producing.WaitAsync(DrainTimeout);
        var drainStarted = traffic.Now;
        await traffic.WaitForAsync(traffic.EveryAcknowledgedCompleted, DrainTimeout, "every acknowledged message to be completed");

        var figures = traffic.Figures(back - down, consumersResumed, producersResumed, traffic.Now - drainStarted, traffic.Now - started, failingSeen);
        output.WriteLine(figures.ToString());
        output.WriteLine($"{RecordingLogger.Clock(downAt)} the store goes away; {RecordingLogger.Clock(backAt)} it is back");
        traffic.ConsumerLog.WriteTo(output, "receive loops");
        return figures;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopSending.CancelAsync();
        await _stopReceiving.CancelAsync();
        await Task.WhenAll(_producing, _consuming).WaitAsync(DrainTimeout);
        _stopSending.Dispose();
        _stopReceiving.Dispose();
    }

    private static QueueMessage Message(string id) => new() { MessageId = id, Body = Encoding.UTF8.GetBytes(id), Subject = "outage" };

    private async Task ProduceAsync(int producer)
    {
        for (var n = 0; !_stopSending.IsCancellationRequested; n++)
        {
            var message = Message($"sent-{producer}-{n}");
            for (var failures = 1; ; failures++)
            {
                var phase = _phase;
                var started = Now;
                try
                {
                    await _sender.SendAsync(message);
                    _attempts.Enqueue(new SendAttempt(phase, Now - started, null));
                    Acknowledge([message.MessageId]);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _attempts.Enqueue(new SendAttempt(phase, Now - started, ex.GetType().Name));
                    if (_stopSending.IsCancellationRequested)
                    {
                        return;
                    }

                    await Task.Delay(ExponentialBackoff.Delay(failures, FirstSendBackoff, MaxSendBackoff)); // the producer's retry backoff
                }
            }

            await Task.Delay(SendInterval); // the producer's send rate
        }
    }

    private void Acknowledge(IEnumerable<string> ids)
    {
        var now = Now;
        foreach (var id in ids)
        {
            _acknowledged[id] = now;
        }
    }

    private async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        _deliveries.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1);
        if (_effects.TryAdd(message.MessageId, Now))
        {
            // The effect, applied once per message id (the id is the dedupe key, like an inbox row): a redelivery of a
            // message already handled only completes it.
            await Task.Delay(Work, cancellationToken); // the handler's simulated work
        }

        try
        {
            await _receiver.CompleteAsync(message, CancellationToken.None);
            _completed.TryAdd(message.MessageId, Now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lock was lost with the connection, or the store refused the write: the message comes again.
            Interlocked.Increment(ref _settleFailures);
        }
    }

    private bool EveryAcknowledgedCompleted() => _acknowledged.Keys.All(_completed.ContainsKey);

    private async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Now + timeout;
        while (!condition())
        {
            if (Now > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {what}; {Figures(default, default, default, default, Now, false)}");
            }

            await Task.Delay(50); // checked again until the condition holds or the ceiling is hit (the message says what was seen)
        }
    }

    private async Task<TimeSpan> FirstAfterAsync(ConcurrentDictionary<string, TimeSpan> events, TimeSpan moment, string what)
    {
        TimeSpan? first = null;
        await WaitForAsync(() => (first = events.Values.Where(t => t >= moment).DefaultIfEmpty(TimeSpan.MaxValue).Min()) != TimeSpan.MaxValue, ResumeTimeout, what);
        return first!.Value;
    }

    private OutageFigures Figures(
        TimeSpan outage, TimeSpan consumersResumed, TimeSpan producersResumed, TimeSpan drained, TimeSpan runtime, bool consumersSawOutage)
    {
        var attempts = _attempts.ToList();
        var failed = attempts.Where(a => a.Error is not null).ToList();
        var sends = new SendFigures(
            attempts.Count,
            _acknowledged.Count,
            failed.Count,
            failed.Count(a => a.Phase == "during"),
            string.Join(", ", failed.GroupBy(a => a.Error).Select(g => $"{g.Key} ×{g.Count()}")),
            failed.Select(a => a.Took).DefaultIfEmpty().Max(),
            attempts.Select(a => a.Took).DefaultIfEmpty().Max());
        var receives = new ReceiveFigures(
            _deliveries.Count,
            _deliveries.Values.Sum(),
            _completed.Count,
            _effects.Count,
            _deliveries.Keys.Count(id => !id.StartsWith("backlog-", StringComparison.Ordinal) && !id.StartsWith("sent-", StringComparison.Ordinal)),
            _settleFailures,
            _acknowledged.Keys.Count(id => !_completed.ContainsKey(id)));
        var loops = new LoopFigures(
            consumersSawOutage,
            ConsumerLog.Count(LogLevel.Warning),
            ConsumerLog.Count(LogLevel.Information),
            ConsumerLog.Count(LogLevel.Debug) + ConsumerLog.Count(LogLevel.Warning),
            ConsumerLog.Count(LogLevel.Error));
        return new OutageFigures(outage, sends, receives, loops, consumersResumed, producersResumed, drained, runtime);
    }

    private sealed record SendAttempt(string Phase, TimeSpan Took, string? Error);
}
