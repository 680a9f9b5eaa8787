using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Target;
using EdaAspire.LoadTest.Requests;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>
/// Orders at a fixed offered rate, each with its own Idempotency-Key, through the whole saga: placed over HTTP,
/// orchestrated, fulfilled by the workers off the queue, projected. Completion is read where clients read it, the
/// read model (the table behind the dashboard's <c>/api/orders/{id}</c>), polled by the index on (Status, PlacedAt):
/// an order's completion time is the moment it is first seen Confirmed or Cancelled minus the moment it was sent.
/// </summary>
public static class SagaRun
{
    public const string Name = "saga";
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(2);

    // The saga's reason for an order whose step outlived its deadline ("Payment timed out", …): a backlog admission
    // control is there to prevent, or a command the queue dead-lettered (the simulators' poison); other cancellations
    // are the simulated services' failures.
    private const string DeadlineReasonEnding = "timed out";
    private const string CancelledByDeadline = "Cancelled by a deadline";
    public static readonly string CancelledByDeadlineMetric = CancelledByDeadline.ToLowerInvariant();
    public const string DeadLetteredMetric = "fulfillment commands dead-lettered";

    public static async Task<ScenarioResult> RunAsync(ISystemUnderTest system, LoadTestOptions options, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var mix = new OrderMix();
        var book = new OrderBook();

        await using var harness = await ScenarioHarness.OpenAsync(Name, system, options, cancellationToken);
        var (readModels, http) = (harness.ReadModels, harness.Http);
        var warmUp = await harness.WaitForOrdersAsync(mix.NextBody(), cancellationToken);
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completion = new LatencySamples();
        var internalCompletion = new LatencySamples();
        var finishedTimes = new ConcurrentQueue<DateTimeOffset>();
        var statuses = new ConcurrentDictionary<string, int>();
        var poller = Task.Run(() => PollAsync(readModels, book, completion, internalCompletion, finishedTimes, statuses, stopPolling.Token), cancellationToken);

        var requestLatency = new LatencySamples();
        long accepted = 0, failed = 0;
        var failures = new ConcurrentDictionary<string, int>();
        var loadStart = DateTimeOffset.UtcNow;
        await Pacer.RunAsync(options.OrderRate, options.Duration, options.OrderConcurrency, async sequence =>
        {
            var sentAt = DateTimeOffset.UtcNow;
            book.Sending(sequence, sentAt);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonBody.Content(mix.NextBody()) };
                request.Headers.Add("Idempotency-Key", $"lt-{run}-{sequence}");
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted
                    && await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.OrderAccepted, cancellationToken) is { } answer)
                {
                    requestLatency.Add(clock.Elapsed);
                    book.Placed(answer.OrderId, sentAt);
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    failures.AddOrUpdate(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            }
            catch (HttpRequestException ex)
            {
                Interlocked.Increment(ref failed);
                failures.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
            }
            finally
            {
                book.Sent(sequence);
            }
        }, cancellationToken);
        var loadEnd = DateTimeOffset.UtcNow;

        var drain = Stopwatch.StartNew();
        while (book.PendingCount > 0 && drain.Elapsed < options.Drain)
        {
            await Task.Delay(PollEvery, cancellationToken);
        }

        await stopPolling.CancelAsync();
        await poller;
        var deadLettered = await DeadLetters.CountAsync(system.MessagingPath, cancellationToken);

        var loadSeconds = options.Duration.TotalSeconds;
        var finished = finishedTimes.ToArray();
        var lastFinished = finished.Length > 0 ? finished.Max() : loadEnd;
        var overallSeconds = Math.Max(1e-3, (lastFinished - loadStart).TotalSeconds);
        var metrics = new MetricList
        {
            { "first order finished after (start-up, not timed)", warmUp.TotalMilliseconds, "ms" },
            { "offered orders/s", options.OrderRate, "orders/s" },
            { "accepted orders/s", accepted / loadSeconds, "orders/s" },
            // 503 is the API's "not now": the admission control shedding, or the log unavailable.
            { "shed orders/s", failures.GetValueOrDefault("503") / loadSeconds, "orders/s" },
            { "failed requests", failed, "count" },
            { "completed orders/s during load", finished.Count(t => t <= loadStart + options.Duration) / loadSeconds, "orders/s" },
            { "completed orders/s overall", finished.Length / overallSeconds, "orders/s" },
            { "confirmed orders/s overall", statuses.GetValueOrDefault("Confirmed") / overallSeconds, "orders/s" },
            { "cancelled orders/s overall", statuses.GetValueOrDefault("Cancelled") / overallSeconds, "orders/s" },
            { "completed", finished.Length, "orders" },
            { "unfinished after drain", book.PendingCount, "orders" },
            { DeadLetteredMetric, deadLettered, "commands" },
        };
        foreach (var (status, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            metrics.Add(status.ToLowerInvariant(), count, "orders");
        }

        metrics.AddLatency("completion (client)", completion.Summarise());
        metrics.AddLatency("completion (CompletedAt−PlacedAt)", internalCompletion.Summarise());
        metrics.AddLatency("request", requestLatency.Summarise());
        var notes = new List<string>
        {
            $"Read model polled every {PollEvery.TotalMilliseconds:F0} ms; drain wait up to {options.Drain.TotalSeconds:F0} s.",
        };
        if (!failures.IsEmpty)
        {
            notes.Add("Failures: " + string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}")));
        }

        return await harness.FinishAsync(metrics, notes);
    }

    private static async Task PollAsync(
        ReadModelWatch readModels,
        OrderBook book,
        LatencySamples completion,
        LatencySamples internalCompletion,
        ConcurrentQueue<DateTimeOffset> finishedTimes,
        ConcurrentDictionary<string, int> statuses,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (book.OldestOutstanding() is { } oldest)
                {
                    // PlacedAt is the API's clock on this machine, never earlier than the send minus slack.
                    var finished = await readModels.FinishedOrdersAsync((oldest - ClockSlack).UtcDateTime, cancellationToken);
                    var now = DateTimeOffset.UtcNow;
                    foreach (var order in finished)
                    {
                        if (book.Finish(order.OrderId) is { } sentAt)
                        {
                            completion.Add(now - sentAt);
                            finishedTimes.Enqueue(now);
                            statuses.AddOrUpdate(order.Status, 1, (_, n) => n + 1);
                            if (order.CancelReason?.EndsWith(DeadlineReasonEnding, StringComparison.Ordinal) == true)
                            {
                                statuses.AddOrUpdate(CancelledByDeadline, 1, (_, n) => n + 1);
                            }
                            if (order.CompletedAt is { } completedAt)
                            {
                                internalCompletion.Add(completedAt - order.PlacedAt);
                            }
                        }
                    }
                }

                await Task.Delay(PollEvery, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Orders in flight (sent, no answer yet) and placed (accepted, not yet finished), with when each was sent.</summary>
    private sealed class OrderBook
    {
        private readonly Dictionary<long, DateTimeOffset> _sending = [];
        private readonly Dictionary<Guid, DateTimeOffset> _pending = [];
        private readonly HashSet<Guid> _finished = [];
        private readonly Lock _gate = new();

        public int PendingCount
        {
            get
            {
                lock (_gate)
                {
                    return _pending.Count + _sending.Count;
                }
            }
        }

        public void Sending(long sequence, DateTimeOffset sentAt)
        {
            lock (_gate)
            {
                _sending[sequence] = sentAt;
            }
        }

        public void Sent(long sequence)
        {
            lock (_gate)
            {
                _sending.Remove(sequence);
            }
        }

        public void Placed(Guid orderId, DateTimeOffset sentAt)
        {
            lock (_gate)
            {
                if (!_finished.Contains(orderId))
                {
                    _pending[orderId] = sentAt;
                }
            }
        }

        /// <returns>When the order was sent, the first time it is seen finished; otherwise null.</returns>
        public DateTimeOffset? Finish(Guid orderId)
        {
            lock (_gate)
            {
                if (_pending.Remove(orderId, out var sentAt))
                {
                    _finished.Add(orderId);
                    return sentAt;
                }

                return null;
            }
        }

        public DateTimeOffset? OldestOutstanding()
        {
            lock (_gate)
            {
                var times = _pending.Values.Concat(_sending.Values);
                return times.Any() ? times.Min() : null;
            }
        }
    }
}
