using System.Diagnostics;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Requests;
using EdaAspire.LoadTest.Target;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>
/// Orders at a fixed offered rate, each with its own Idempotency-Key, through the whole saga: placed over HTTP,
/// orchestrated, fulfilled by the workers off the queue, projected. Completion is read where clients read it, the
/// read model (the table behind the dashboard's <c>/api/orders/{id}</c>), polled by the index on (Status, PlacedAt):
/// an order's completion time is the moment it is first seen Confirmed or Cancelled minus the moment it was sent.
/// With a warm-up, the same load runs first and drains untimed, so the timed window sees services the JIT has
/// finished with (steady state) rather than their start.
/// </summary>
public static class SagaRun
{
    public const string Name = "saga";
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(2);

    public static readonly string CancelledByDeadlineMetric = OrderCompletions.CancelledByDeadline.ToLowerInvariant();
    public const string DeadLetteredMetric = "fulfillment commands dead-lettered";

    public static async Task<ScenarioResult> RunAsync(ISystemUnderTest system, LoadTestOptions options, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var mix = new OrderMix();

        await using var harness = await ScenarioHarness.OpenAsync(Name, system, options, cancellationToken);
        var firstOrder = await harness.WaitForOrdersAsync(mix.NextBody(), cancellationToken);
        var metrics = new MetricList { { "first order finished after (start-up, not timed)", firstOrder.TotalMilliseconds, "ms" } };
        if (options.WarmUp > TimeSpan.Zero)
        {
            var warmUp = await DriveAsync(harness, mix, $"lt-{run}-warm", options.WarmUp, options, new OrderCompletions(), cancellationToken);
            metrics.Add("warm-up load (not timed)", options.WarmUp.TotalSeconds, "s");
            metrics.Add("warm-up load and drain took", warmUp.Took.TotalSeconds, "s");
            metrics.Add("warm-up orders unfinished", warmUp.Book.PendingCount, "orders");
            harness.RestartCpu();
            // A profiler's cue: what follows is the timed window.
            Console.WriteLine($"  warm-up done after {warmUp.Took.TotalSeconds:F0} s ({warmUp.Book.PendingCount} orders unfinished); timed load starts");
        }

        // The warm-up's dead letters are not the timed orders'.
        var deadLetteredBefore = await DeadLetters.CountAsync(system.MessagingPath, cancellationToken);
        var completions = new OrderCompletions();
        var loadStart = DateTimeOffset.UtcNow;
        var (book, traffic, _) = await DriveAsync(harness, mix, $"lt-{run}", options.Duration, options, completions, cancellationToken);
        var deadLettered = await DeadLetters.CountAsync(system.MessagingPath, cancellationToken) - deadLetteredBefore;

        var loadSeconds = options.Duration.TotalSeconds;
        var finished = completions.Times;
        var lastFinished = finished.Count > 0 ? finished.Max() : loadStart + options.Duration;
        var overallSeconds = Math.Max(1e-3, (lastFinished - loadStart).TotalSeconds);
        var statuses = completions.Statuses;
        metrics.Add("offered orders/s", options.OrderRate, "orders/s");
        metrics.Add("accepted orders/s", traffic.Accepted / loadSeconds, "orders/s");
        // 503 is the API's "not now": the admission control shedding, or the log unavailable.
        metrics.Add("shed orders/s", traffic.Failures.GetValueOrDefault("503") / loadSeconds, "orders/s");
        metrics.Add("failed requests", traffic.Failed, "count");
        metrics.Add("completed orders/s during load", finished.Count(t => t <= loadStart + options.Duration) / loadSeconds, "orders/s");
        metrics.Add("completed orders/s overall", finished.Count / overallSeconds, "orders/s");
        metrics.Add("confirmed orders/s overall", statuses.GetValueOrDefault("Confirmed") / overallSeconds, "orders/s");
        metrics.Add("cancelled orders/s overall", statuses.GetValueOrDefault("Cancelled") / overallSeconds, "orders/s");
        metrics.Add("completed", finished.Count, "orders");
        metrics.Add("unfinished after drain", book.PendingCount, "orders");
        metrics.Add(DeadLetteredMetric, deadLettered, "commands");
        foreach (var (status, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            metrics.Add(status.ToLowerInvariant(), count, "orders");
        }

        metrics.AddLatency("completion (client)", completions.Client.Summarise());
        metrics.AddLatency("completion (CompletedAt−PlacedAt)", completions.Internal.Summarise());
        metrics.AddLatency("request", traffic.RequestLatency.Summarise());
        var notes = new List<string>
        {
            $"Read model polled every {PollEvery.TotalMilliseconds:F0} ms; drain wait up to {options.Drain.TotalSeconds:F0} s.",
        };
        if (options.WarmUp > TimeSpan.Zero)
        {
            notes.Add($"CPU counted from the end of a {options.WarmUp.TotalSeconds:F0} s warm-up at the same rate and its drain.");
        }

        if (!traffic.Failures.IsEmpty)
        {
            notes.Add("Failures: " + string.Join(", ", traffic.Failures.Select(f => $"{f.Key}×{f.Value}")));
        }

        return await harness.FinishAsync(metrics, notes);
    }

    /// <summary>Sends orders for <paramref name="duration"/>, then waits up to the drain time for the accepted ones to finish.</summary>
    private static async Task<(OrderBook Book, OrderTraffic Traffic, TimeSpan Took)> DriveAsync(
        ScenarioHarness harness, OrderMix mix, string keyPrefix, TimeSpan duration, LoadTestOptions options, OrderCompletions completions,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var book = new OrderBook();
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poller = Task.Run(() => PollAsync(harness.ReadModels, book, completions, stopPolling.Token), cancellationToken);
        var traffic = await OrderTraffic.SendAsync(harness.Http, mix, book, keyPrefix, duration, options, cancellationToken);

        var drain = Stopwatch.StartNew();
        while (book.PendingCount > 0 && drain.Elapsed < options.Drain)
        {
            await Task.Delay(PollEvery, cancellationToken);
        }

        await stopPolling.CancelAsync();
        await poller;
        return (book, traffic, clock.Elapsed);
    }

    private static async Task PollAsync(ReadModelWatch readModels, OrderBook book, OrderCompletions completions, CancellationToken cancellationToken)
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
                            completions.Record(order, sentAt, now);
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
}
