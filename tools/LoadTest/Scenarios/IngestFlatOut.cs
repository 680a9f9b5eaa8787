using System.Diagnostics;
using System.Net;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Target;
using EdaAspire.LoadTest.Requests;
using EdaAspire.Workload;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>
/// Clickstream batches as fast as the API acknowledges them (a fixed number of requests in flight), then the
/// projection's rate: events applied per second while it drains the backlog the ingest left, with the load stopped.
/// If it kept up during the ingest there is no backlog, and the rate during the ingest is a lower bound.
/// </summary>
public static class IngestFlatOut
{
    public const string Name = "ingest";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(200);

    public static async Task<ScenarioResult> RunAsync(ISystemUnderTest system, LoadTestOptions options, CancellationToken cancellationToken)
    {
        // Bodies built before the clock starts, so the client spends its CPU on sending, not on JSON.
        var mix = new ClickMix();
        var bodies = Enumerable.Range(0, 32).Select(_ => JsonBody.Serialize(mix.Batch(options.IngestBatchSize, DateTimeOffset.UtcNow))).ToArray();

        await using var harness = await ScenarioHarness.OpenAsync(Name, system, options, cancellationToken);
        var (readModels, http) = (harness.ReadModels, harness.Http);
        var warmUp = await harness.WaitForClickstreamAsync(cancellationToken);
        var atStart = await readModels.ClickstreamProgressAsync(cancellationToken);

        long acked = 0, ackedInWindow = 0, failed = 0;
        var requestLatency = new LatencySamples();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var windowStart = WarmUp;
        var windowEnd = WarmUp + options.Duration;

        var senders = Enumerable.Range(0, options.IngestConcurrency).Select(sender => Task.Run(async () =>
        {
            for (var i = sender; clock.Elapsed < windowEnd && !stop.IsCancellationRequested; i += options.IngestConcurrency)
            {
                var sent = clock.Elapsed;
                try
                {
                    using var content = JsonBody.Content(bodies[i % bodies.Length]);
                    using var response = await http.PostAsync("api/clickstream", content, stop.Token);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        Interlocked.Add(ref acked, options.IngestBatchSize);
                        // Throughput counts the answers that arrive inside the window.
                        var answered = clock.Elapsed;
                        if (answered >= windowStart && answered <= windowEnd)
                        {
                            Interlocked.Add(ref ackedInWindow, options.IngestBatchSize);
                            requestLatency.Add(answered - sent);
                        }
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
            }
        }, cancellationToken)).ToList();

        // Checkpoint progress while the ingest runs: the projection's rate under contention.
        while (clock.Elapsed < windowStart)
        {
            await Task.Delay(SampleEvery, cancellationToken);
        }

        var atWindowStart = await readModels.ClickstreamProgressAsync(cancellationToken);
        var windowStartedAt = clock.Elapsed;
        await Task.WhenAll(senders);
        var windowEndedAt = clock.Elapsed;
        var atWindowEnd = await readModels.ClickstreamProgressAsync(cancellationToken);

        // Drain: the projection alone, reading to the end of the log.
        var logEnd = atStart.Offsets + Interlocked.Read(ref acked);
        var drainClock = Stopwatch.StartNew();
        var progress = atWindowEnd;
        var lastAppliedAt = TimeSpan.Zero;
        while (progress.Offsets < logEnd && drainClock.Elapsed < options.Drain)
        {
            await Task.Delay(SampleEvery, cancellationToken);
            var now = await readModels.ClickstreamProgressAsync(cancellationToken);
            if (now.Events > progress.Events)
            {
                lastAppliedAt = drainClock.Elapsed;
            }

            progress = now;
        }

        var window = (windowEndedAt - windowStartedAt).TotalSeconds;
        var backlog = logEnd - atWindowEnd.Offsets;
        var metrics = new MetricList
        {
            { "first event visible after (start-up, not timed)", warmUp.TotalMilliseconds, "ms" },
            { "concurrency", options.IngestConcurrency, "requests" },
            { "batch size", options.IngestBatchSize, "events" },
            { "acked events/s", ackedInWindow / options.Duration.TotalSeconds, "events/s" },
            { "failed requests", failed, "count" },
        };
        metrics.AddLatency("request", requestLatency.Summarise());
        metrics.Add("projection events/s during ingest", (atWindowEnd.Events - atWindowStart.Events) / window, "events/s");
        metrics.Add("backlog at end of ingest", backlog, "events");
        var notes = new List<string>();
        if (backlog >= 2L * options.IngestBatchSize && lastAppliedAt > TimeSpan.Zero)
        {
            metrics.Add("projection events/s draining", (progress.Events - atWindowEnd.Events) / lastAppliedAt.TotalSeconds, "events/s");
        }
        else
        {
            notes.Add("The projection kept up with the ingest: its rate during the ingest is a lower bound of its capacity.");
        }

        metrics.Add("not read after drain", logEnd - progress.Offsets, "events");
        var dropped = (progress.Offsets - atStart.Offsets) - (progress.Events - atStart.Events);
        metrics.Add("dropped by the mock cluster before read", dropped, "events");
        if (dropped > 0)
        {
            notes.Add("The mock cluster keeps 5 MiB per partition: records older than that were gone before the projection read them, and its checkpoints skipped them.");
        }

        if (!failures.IsEmpty)
        {
            notes.Add("Failures: " + string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}")));
        }

        return await harness.FinishAsync(metrics, notes);
    }

    /// <summary>The figure the projection target compares: the drain rate where there was a backlog, else the rate during the ingest.</summary>
    public static double? ProjectionRate(ScenarioResult result) =>
        result.Value("projection events/s draining") ?? result.Value("projection events/s during ingest");
}
