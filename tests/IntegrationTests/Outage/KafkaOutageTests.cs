using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EdaAspire.IntegrationTests.Outage;

/// <summary>
/// Every broker goes down while clients post and the projections consume, then comes back. Clients get a quick 503
/// instead of a hang, the same processes resume by themselves, and every acknowledged event is projected exactly once.
/// </summary>
public sealed class KafkaOutageTests(ITestOutputHelper output) : IDisposable
{
    private const int Senders = 8;
    private const int EventsPerBatch = 5;

    /// <summary>How long a phase may take to show what it is waiting for: far beyond a loaded machine's slowness.</summary>
    private static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(3);

    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _readModels = new();

    // Written by the test, read by every sender as it starts a post.
    private string _phase = "before";

    private sealed record Answer(int Sender, string SessionId, HttpStatusCode Status, TimeSpan Took, TimeSpan? RetryAfter, string Phase);

    [Fact]
    public async Task Clients_get_quick_503s_during_the_outage_and_every_acknowledged_event_is_projected_once()
    {
        using var api = new IngestionApi(_kafka.BootstrapServers);
        using var client = api.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(1);
        await using var projections = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _readModels.ConnectionString);

        // The producer's first metadata round trip can take seconds on a loaded machine: traffic starts once it is done.
        var warmUp = Stopwatch.StartNew();
        while ((await PostAsync(client, -1, "outage-warm-up", "warm-up")).Status != HttpStatusCode.Accepted)
        {
            Assert.True(warmUp.Elapsed < Ceiling, $"The API acknowledged no batch within {Ceiling.TotalMinutes} min before the outage.");
            await Task.Delay(500); // the next try of the condition: the producer's first metadata round trip may be slow
        }

        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();
        var traffic = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                answers.Add(await PostAsync(client, sender, $"outage-{sender}-{batch}", Volatile.Read(ref _phase)));
            }
        })).ToList();

        // Each phase lasts until every sender has seen it, however slow the machine.
        await WaitForEverySenderAsync(answers, "a batch acknowledged before the outage", a => a is { Phase: "before", Status: HttpStatusCode.Accepted });
        Volatile.Write(ref _phase, "during");
        _kafka.SetAllBrokersDown();
        await WaitForEverySenderAsync(answers, "a batch refused during the outage", a => a is { Phase: "during", Status: not HttpStatusCode.Accepted });
        Volatile.Write(ref _phase, "after");
        _kafka.SetAllBrokersUp();
        await WaitForEverySenderAsync(answers, "a batch acknowledged after the outage", a => a is { Phase: "after", Status: HttpStatusCode.Accepted });
        await stop.CancelAsync();
        await Task.WhenAll(traffic);

        foreach (var group in answers.GroupBy(a => (a.Phase, a.Status)).OrderBy(g => g.Key.Phase).ThenBy(g => g.Key.Status))
        {
            output.WriteLine($"{group.Key.Phase,-6} {(int)group.Key.Status}: {group.Count(),5} answers, slowest {group.Max(a => a.Took).TotalMilliseconds:F0} ms");
        }

        var acknowledged = answers.Where(a => a.Status == HttpStatusCode.Accepted).ToList();
        var refused = answers.Where(a => a.Status != HttpStatusCode.Accepted).ToList();
        Assert.Contains(acknowledged, a => a.Phase == "before");
        // Every refusal came back within the client's 100 s timeout (HttpClient's default), so the producer's message
        // timeout bounded it, not librdkafka's default of 300 s; how long each took is printed above, not asserted.
        Assert.Contains(refused, a => a.Phase == "during");
        Assert.Contains(acknowledged, a => a.Phase == "after"); // the same API process recovered on its own
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status);
            Assert.NotNull(a.RetryAfter);
        });

        // The same projections host resumed: every acknowledged batch is in the read model exactly once. A refused
        // batch may have reached the log in part (the broker can take a record and lose the connection before acking)
        // — at-least-once — but never twice.
        var counts = await WaitForSessionsAsync(acknowledged.Select(a => a.SessionId).ToHashSet(), Ceiling);
        Assert.All(acknowledged, a => Assert.Equal(EventsPerBatch, counts.GetValueOrDefault(a.SessionId)));
        Assert.All(refused, a => Assert.InRange(counts.GetValueOrDefault(a.SessionId), 0, EventsPerBatch));
        output.WriteLine($"{acknowledged.Count * EventsPerBatch} acknowledged events, all projected once; " +
            $"{refused.Count(a => counts.ContainsKey(a.SessionId))} of {refused.Count} refused batches reached the log (in part or whole)");
    }

    private static async Task<Answer> PostAsync(HttpClient client, int sender, string sessionId, string phase)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new ClickstreamBatch([.. Enumerable.Range(0, EventsPerBatch).Select(i =>
            new ClickEvent(ClickEventTypes.PageViewed, sessionId, null, null, null, $"/page/{i}", now))]);
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/clickstream", batch);
        return new Answer(sender, sessionId, response.StatusCode, clock.Elapsed, response.Headers.RetryAfter?.Delta, phase);
    }

    /// <summary>Waits until each sender has an answer that <paramref name="counts"/>; at the ceiling, fails with what each had.</summary>
    private static async Task WaitForEverySenderAsync(ConcurrentBag<Answer> answers, string what, Func<Answer, bool> counts)
    {
        var waited = Stopwatch.StartNew();
        while (answers.Where(counts).Select(a => a.Sender).Distinct().Count() < Senders)
        {
            var seen = string.Join("; ", answers.GroupBy(a => a.Sender).OrderBy(g => g.Key)
                .Select(g => $"sender {g.Key}: " + string.Join(", ", g.GroupBy(a => (a.Phase, a.Status)).Select(p => $"{p.Key.Phase} {(int)p.Key.Status} x{p.Count()}"))));
            Assert.True(waited.Elapsed < Ceiling, $"Not every sender had {what} within {Ceiling.TotalMinutes} min. Seen: {seen}");
            await Task.Delay(100); // the next look at the answers the senders add
        }
    }

    /// <summary>Polls the sessions read model until every expected session is there (or the time is up); returns all counts.</summary>
    private async Task<Dictionary<string, long>> WaitForSessionsAsync(HashSet<string> expected, TimeSpan timeout)
    {
        var probe = new ReadModelsProbe(_readModels.ConnectionString);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var db = probe.Open();
            var counts = await db.Sessions.AsNoTracking().ToDictionaryAsync(s => s.SessionId, s => s.EventCount);
            var missing = expected.Count(id => counts.GetValueOrDefault(id) < EventsPerBatch);
            if (missing == 0 || waited.Elapsed > timeout)
            {
                output.WriteLine($"{missing} of {expected.Count} acknowledged batches not fully projected after {waited.Elapsed.TotalSeconds:F0} s");
                return counts;
            }

            await Task.Delay(200); // the next poll of the condition
        }
    }

    public void Dispose()
    {
        _kafka.Dispose();
        _readModels.Dispose();
    }
}
