using System.Diagnostics;
using System.Globalization;
using System.Net;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Target;
using EdaAspire.LoadTest.Requests;
using EdaAspire.Workload;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>
/// Ingest → read-model latency at a fixed offered rate. Every n-th event is a probe: a page view of a session id
/// used nowhere else, stamped with the time its batch is sent. The tool polls the Sessions table's key range of
/// this run's probes every few milliseconds; a probe's latency is the moment its row is first seen minus its event
/// timestamp. So it covers the HTTP request, the produce and ack, the consumer's fetch and batching, and the
/// projection's transaction, plus at most one poll interval. The same load runs untimed for the warm-up first, so
/// the timed window sees the steady state rather than eleven processes compiling their start-up paths.
/// </summary>
public static class LatencyRun
{
    public const string Name = "latency";
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ShortestWarmUp = TimeSpan.FromSeconds(3);

    public static async Task<ScenarioResult> RunAsync(ISystemUnderTest system, LoadTestOptions options, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var probes = new ProbeBook($"lt-{run}-", $"lt-{run}.");
        var mix = new ClickMix(seed: 11);
        var mixGate = new Lock();

        await using var harness = await ScenarioHarness.OpenAsync(Name, system, options, cancellationToken);
        var (readModels, http) = (harness.ReadModels, harness.Http);
        var warmUp = await harness.WaitForClickstreamAsync(cancellationToken);
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var latency = new LatencySamples();
        var poller = Task.Run(() => PollAsync(readModels, probes, latency, stopPolling.Token), cancellationToken);

        var requestLatency = new LatencySamples();
        long acked = 0, ackedInWindow = 0, failed = 0, eventSequence = 0;
        var clock = Stopwatch.StartNew();
        var requestsPerSecond = options.LatencyRate / options.LatencyBatchSize;
        var warmUpLoad = options.WarmUp > ShortestWarmUp ? options.WarmUp : ShortestWarmUp;
        await Pacer.RunAsync(requestsPerSecond, warmUpLoad + options.Duration, maxInFlight: 256, async _ =>
        {
            var timestamp = DateTimeOffset.UtcNow;
            var timed = clock.Elapsed >= warmUpLoad;
            List<ClickEvent> events;
            lock (mixGate)
            {
                events = mix.Batch(options.LatencyBatchSize, timestamp);
            }

            var batchProbes = new List<string>();
            for (var i = 0; i < events.Count; i++)
            {
                if (Interlocked.Increment(ref eventSequence) % options.ProbeEvery == 0)
                {
                    var session = probes.NewId();
                    events[i] = new ClickEvent(ClickEventTypes.PageViewed, session, null, null, null, "/probe", timestamp);
                    batchProbes.Add(session);
                }
            }

            // Registered before sending: the row may appear before the answer does.
            probes.Expect(batchProbes, timestamp, timed);
            var sent = clock.Elapsed;
            try
            {
                using var content = JsonBody.Content(JsonBody.Serialize(events));
                using var response = await http.PostAsync("api/clickstream", content, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Interlocked.Add(ref acked, events.Count);
                    if (timed)
                    {
                        Interlocked.Add(ref ackedInWindow, events.Count);
                        requestLatency.Add(clock.Elapsed - sent);
                    }

                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Interlocked.Increment(ref failed);
            probes.Forget(batchProbes);
        }, cancellationToken);

        // Let the last probes arrive.
        var drain = Stopwatch.StartNew();
        while (probes.PendingCount > 0 && drain.Elapsed < options.Drain)
        {
            await Task.Delay(50, cancellationToken);
        }

        await stopPolling.CancelAsync();
        await poller;

        var metrics = new MetricList
        {
            { "first event visible after (start-up, not timed)", warmUp.TotalMilliseconds, "ms" },
            { "offered events/s", options.LatencyRate, "events/s" },
            { "batch size", options.LatencyBatchSize, "events" },
            { "acked events/s", ackedInWindow / options.Duration.TotalSeconds, "events/s" },
            { "failed requests", failed, "count" },
        };
        metrics.AddLatency("ingest→read model", latency.Summarise());
        metrics.Add("probes never seen", probes.PendingCount, "count");
        metrics.AddLatency("request", requestLatency.Summarise());
        var notes = new List<string>
        {
            $"Probe every {options.ProbeEvery}th event; read model polled every {PollEvery.TotalMilliseconds:F0} ms (the resolution); first {warmUpLoad.TotalSeconds:F0} s of the load not timed.",
        };
        return await harness.FinishAsync(metrics, notes);
    }

    private static async Task PollAsync(ReadModelWatch readModels, ProbeBook probes, LatencySamples latency, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (probes.LowestPending() is { } from)
                {
                    var seen = await readModels.SessionsInRangeAsync(from, probes.RangeEnd, cancellationToken);
                    var now = DateTimeOffset.UtcNow;
                    foreach (var (sentAt, timed) in probes.Seen(seen))
                    {
                        if (timed)
                        {
                            latency.Add(now - sentAt);
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

    /// <summary>The probes sent and not yet seen, ordered by id so the poll can ask for one key range.</summary>
    private sealed class ProbeBook(string prefix, string rangeEnd)
    {
        private readonly SortedDictionary<string, (DateTimeOffset SentAt, bool Timed)> _pending = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private long _next;

        public string RangeEnd { get; } = rangeEnd;

        public int PendingCount
        {
            get
            {
                lock (_gate)
                {
                    return _pending.Count;
                }
            }
        }

        /// <summary>Zero-padded, so the ids sort in the order they were made.</summary>
        public string NewId() => prefix + Interlocked.Increment(ref _next).ToString("D10", CultureInfo.InvariantCulture);

        public void Expect(IEnumerable<string> ids, DateTimeOffset sentAt, bool timed)
        {
            lock (_gate)
            {
                foreach (var id in ids)
                {
                    _pending[id] = (sentAt, timed);
                }
            }
        }

        public void Forget(IEnumerable<string> ids)
        {
            lock (_gate)
            {
                foreach (var id in ids)
                {
                    _pending.Remove(id);
                }
            }
        }

        public string? LowestPending()
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : _pending.Keys.First();
            }
        }

        public List<(DateTimeOffset SentAt, bool Timed)> Seen(IEnumerable<string> ids)
        {
            var seen = new List<(DateTimeOffset, bool)>();
            lock (_gate)
            {
                foreach (var id in ids)
                {
                    if (_pending.Remove(id, out var probe))
                    {
                        seen.Add(probe);
                    }
                }
            }

            return seen;
        }
    }
}
