using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts.Clickstream;

namespace EdaAspire.EndToEndTests.Orders;

/// <summary>Clickstream batches posted alongside the orders, one new session per batch, until stopped.</summary>
public static class ClickTraffic
{
    private const int EventsPerBatch = 20;

    /// <returns>Each session whose batch the API acknowledged, with its event count.</returns>
    public static async Task<Dictionary<string, int>> RunAsync(HttpClient ingestion, CancellationToken stop)
    {
        var acknowledged = new Dictionary<string, int>();
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var session = $"kill-suite-{batch}";
            var now = DateTimeOffset.UtcNow;
            var events = Enumerable.Range(0, EventsPerBatch)
                .Select(i => new ClickEvent(i % 5 == 0 ? ClickEventTypes.ProductViewed : ClickEventTypes.PageViewed, session, null, $"product-{i % 7}", null, $"/p/{i}", now))
                .ToList();
            try
            {
                using var response = await ingestion.PostAsJsonAsync("/api/clickstream", new ClickstreamBatch(events), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged[session] = EventsPerBatch;
                }
            }
            catch (HttpRequestException)
            {
                // Not acknowledged: it may or may not be in the log, and the recomputation counts it if it is.
            }

            // Traffic's pace, not a wait that an assertion depends on.
            await Task.Delay(100, CancellationToken.None);
        }

        return acknowledged;
    }
}
