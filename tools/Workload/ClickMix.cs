using System.Globalization;
using EdaAspire.Contracts.Clickstream;

namespace EdaAspire.Workload;

/// <summary>
/// A shop's clickstream: mostly page and product views over a pool of sessions and products, some cart and
/// search events. Seeded, so the HTTP runs and the raw baselines see the same mix and the same sizes.
/// </summary>
public sealed class ClickMix(int seed = 42, int sessions = 5000, int products = 500)
{
    private readonly Random _random = new(seed);

    public ClickEvent Next(DateTimeOffset timestamp)
    {
        var session = _random.Next(sessions);
        var product = _random.Next(products);
        var userId = session % 3 == 0 ? $"u-{session:D6}" : null;
        var sessionId = $"s-{session:D6}";
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.50 => new ClickEvent(ClickEventTypes.PageViewed, sessionId, userId, null, null, $"/c/{product % 40}", timestamp),
            < 0.80 => Product(ClickEventTypes.ProductViewed),
            < 0.90 => Product(ClickEventTypes.AddedToCart),
            < 0.93 => Product(ClickEventTypes.RemovedFromCart),
            < 0.97 => new ClickEvent(ClickEventTypes.CheckoutStarted, sessionId, userId, null, null, "/checkout", timestamp),
            _ => new ClickEvent(ClickEventTypes.Searched, sessionId, userId, null, $"query {product}", "/search", timestamp),
        };

        ClickEvent Product(string type) =>
            new(type, sessionId, userId, $"p-{product:D4}", null, string.Create(CultureInfo.InvariantCulture, $"/p/{product}"), timestamp);
    }

    public List<ClickEvent> Batch(int size, DateTimeOffset timestamp)
    {
        var events = new List<ClickEvent>(size);
        for (var i = 0; i < size; i++)
        {
            events.Add(Next(timestamp));
        }

        return events;
    }
}
