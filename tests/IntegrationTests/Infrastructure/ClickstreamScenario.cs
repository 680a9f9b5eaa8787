using System.Net.Http.Json;
using EdaAspire.Contracts.Clickstream;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>
/// A deterministic shopper population and the read-model totals it must produce, computed here
/// independently of the projection code.
/// </summary>
public sealed class ClickstreamScenario
{
    private static readonly string[] Types = [.. ClickEventTypes.All.Order(StringComparer.Ordinal)];

    public ClickstreamScenario(int events, int seed = 7, int sessions = 60, int products = 15)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        Events = Enumerable.Range(0, events).Select(i =>
        {
            var type = Types[random.Next(Types.Length)];
            var session = $"session-{random.Next(sessions)}";
            var product = ClickEventTypes.ProductScoped.Contains(type) ? $"product-{random.Next(products)}" : null;
            var query = type == ClickEventTypes.Searched ? "shoes" : null;
            return new ClickEvent(type, session, null, product, query, "/shop", start.AddSeconds(random.Next(600)));
        }).ToList();
    }

    public IReadOnlyList<ClickEvent> Events { get; }

    public Dictionary<DateTime, long> ExpectedPageViewsPerMinute => Events
        .Where(e => e.Type == ClickEventTypes.PageViewed)
        .GroupBy(e => new DateTime(e.Timestamp.Year, e.Timestamp.Month, e.Timestamp.Day, e.Timestamp.Hour, e.Timestamp.Minute, 0, DateTimeKind.Utc))
        .ToDictionary(g => g.Key, g => (long)g.Count());

    public Dictionary<string, (long Views, long Added, long Removed)> ExpectedProducts => Events
        .Where(e => e.ProductId is not null)
        .GroupBy(e => e.ProductId!)
        .ToDictionary(g => g.Key, g => (
            (long)g.Count(e => e.Type == ClickEventTypes.ProductViewed),
            (long)g.Count(e => e.Type == ClickEventTypes.AddedToCart),
            (long)g.Count(e => e.Type == ClickEventTypes.RemovedFromCart)));

    public Dictionary<string, (DateTime First, DateTime Last, long Count)> ExpectedSessions => Events
        .GroupBy(e => e.SessionId)
        .ToDictionary(g => g.Key, g => (g.Min(e => e.Timestamp).UtcDateTime, g.Max(e => e.Timestamp).UtcDateTime, (long)g.Count()));

    public IEnumerable<IReadOnlyList<ClickEvent>> Batches(int size) => Events.Chunk(size);

    /// <summary>Posts one batch and insists on 202 with the batch's count.</summary>
    public static async Task PostAsync(HttpClient client, IReadOnlyList<ClickEvent> batch)
    {
        using var response = await client.PostAsJsonAsync("/api/clickstream", new ClickstreamBatch([.. batch]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        Assert.Contains($"\"accepted\":{batch.Count}", body);
    }
}
