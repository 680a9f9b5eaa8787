using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.ReadModels;

namespace EdaAspire.Projections.Worker.Clickstream;

/// <summary>A session's activity within one batch.</summary>
public sealed record SessionDelta(string? UserId, DateTime FirstSeen, DateTime LastSeen, long Events);

/// <summary>A product's counters within one batch.</summary>
public sealed record ProductDelta(long Views, long AddedToCart, long RemovedFromCart);

/// <summary>
/// What one batch of clickstream events adds to the read models, folded in memory so each row is
/// touched once per batch however many events hit it.
/// </summary>
public sealed class ClickstreamChanges
{
    public Dictionary<DateTime, long> PageViewsPerMinute { get; } = [];

    public Dictionary<string, ProductDelta> Products { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SessionDelta> Sessions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> EventTypes { get; } = new(StringComparer.Ordinal);

    public static ClickstreamChanges From(IEnumerable<ClickEvent> clicks)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        var changes = new ClickstreamChanges();
        foreach (var click in clicks)
        {
            changes.Add(click);
        }

        return changes;
    }

    public void Add(ClickEvent click)
    {
        var at = click.Timestamp.UtcDateTime;
        EventTypes[click.Type] = EventTypes.GetValueOrDefault(click.Type) + 1;
        if (click.Type == ClickEventTypes.PageViewed)
        {
            var minute = TimeBuckets.MinuteOf(at);
            PageViewsPerMinute[minute] = PageViewsPerMinute.GetValueOrDefault(minute) + 1;
        }

        if (click.ProductId is { } productId && ClickEventTypes.ProductScoped.Contains(click.Type))
        {
            var product = Products.GetValueOrDefault(productId) ?? new ProductDelta(0, 0, 0);
            Products[productId] = click.Type switch
            {
                ClickEventTypes.ProductViewed => product with { Views = product.Views + 1 },
                ClickEventTypes.AddedToCart => product with { AddedToCart = product.AddedToCart + 1 },
                _ => product with { RemovedFromCart = product.RemovedFromCart + 1 },
            };
        }

        Sessions[click.SessionId] = Sessions.TryGetValue(click.SessionId, out var session)
            ? new SessionDelta(
                click.UserId ?? session.UserId,
                at < session.FirstSeen ? at : session.FirstSeen,
                at > session.LastSeen ? at : session.LastSeen,
                session.Events + 1)
            : new SessionDelta(click.UserId, at, at, 1);
    }
}
