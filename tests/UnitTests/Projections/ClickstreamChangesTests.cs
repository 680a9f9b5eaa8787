using System.Diagnostics.Metrics;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using EdaAspire.Projections.Worker.Clickstream;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.UnitTests.Projections;

public sealed class ClickstreamChangesTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 30, TimeSpan.Zero);

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private static ConsumedEvent Consumed(ClickEvent click, string? ceType = null) => new(
        new TopicPartitionOffset(Topics.Clickstream, 0, 0),
        click.SessionId,
        EnvelopeJson.Wrap(click, ContractsJsonContext.Default.ClickEvent, Guid.NewGuid().ToString(), ceType ?? ClickEventTypes.CloudEventType(click.Type), "test", click.Timestamp));

    /// <summary>As the projection gets them: the batch read by the pipeline with the projection's reader, then folded.</summary>
    private ClickstreamChanges Fold(ConsumedEvent[] events) => ClickstreamChanges.From(Read(events).Select(k => k.Message));

    private List<Known<ClickEvent>> Read(ConsumedEvent[] events) =>
        new ConsumedBatch(events, []).ReadKnown(
            ClickstreamProjection.Read, "projections", new MessagingTelemetry(_metrics.GetRequiredService<IMeterFactory>()), NullLogger.Instance);

    [Fact]
    public void Folds_page_views_per_minute_of_event_time()
    {
        var changes = Fold(
        [
            Consumed(new(ClickEventTypes.PageViewed, "a", null, null, null, "/", T0)),
            Consumed(new(ClickEventTypes.PageViewed, "b", null, null, null, "/", T0.AddSeconds(29))),
            Consumed(new(ClickEventTypes.PageViewed, "a", null, null, null, "/", T0.AddSeconds(30))),
            Consumed(new(ClickEventTypes.Searched, "a", null, null, "x", "/", T0)),
        ]);

        var minute = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(2, changes.PageViewsPerMinute[minute]);
        Assert.Equal(1, changes.PageViewsPerMinute[minute.AddMinutes(1)]);
        Assert.Equal(2, changes.PageViewsPerMinute.Count);
    }

    [Fact]
    public void Folds_product_counters()
    {
        var changes = Fold(
        [
            Consumed(new(ClickEventTypes.ProductViewed, "a", null, "p1", null, "/p1", T0)),
            Consumed(new(ClickEventTypes.ProductViewed, "b", null, "p1", null, "/p1", T0)),
            Consumed(new(ClickEventTypes.AddedToCart, "a", null, "p1", null, "/p1", T0)),
            Consumed(new(ClickEventTypes.RemovedFromCart, "a", null, "p1", null, "/p1", T0)),
            Consumed(new(ClickEventTypes.AddedToCart, "a", null, "p2", null, "/p2", T0)),
        ]);

        Assert.Equal(new ProductDelta(2, 1, 1), changes.Products["p1"]);
        Assert.Equal(new ProductDelta(0, 1, 0), changes.Products["p2"]);
    }

    [Fact]
    public void Folds_sessions_whatever_the_order_of_events()
    {
        var changes = Fold(
        [
            Consumed(new(ClickEventTypes.PageViewed, "a", null, null, null, "/", T0.AddMinutes(2))),
            Consumed(new(ClickEventTypes.PageViewed, "a", "u-1", null, null, "/", T0)),
            Consumed(new(ClickEventTypes.CheckoutStarted, "a", null, null, null, "/", T0.AddMinutes(1))),
        ]);

        var session = changes.Sessions["a"];
        Assert.Equal(T0.UtcDateTime, session.FirstSeen);
        Assert.Equal(T0.AddMinutes(2).UtcDateTime, session.LastSeen);
        Assert.Equal(3, session.Events);
        Assert.Equal("u-1", session.UserId);
    }

    [Fact]
    public void Unknown_types_and_versions_are_skipped_and_counted()
    {
        var click = new ClickEvent(ClickEventTypes.PageViewed, "a", null, null, null, "/", T0);

        ConsumedEvent[] events =
        [
            Consumed(click, "shop.clickstream.page_viewed.v2"),
            Consumed(click, "shop.something_else.v1"),
            Consumed(click),
        ];
        var changes = Fold(events);

        Assert.Equal(events[2].Envelope.Id, Assert.Single(Read(events)).EventId);
        Assert.Equal(1, changes.Sessions["a"].Events);
    }

    public void Dispose() => _metrics.Dispose();
}
