using System.Text;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Orders;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.EndToEndTests.Orders;

/// <summary>
/// The read models recomputed from scratch from the whole log — both topics read from offset 0, each event once by
/// its id — and compared with what the projections built incrementally through every crash and restart.
/// </summary>
public static class LogRecomputation
{
    public sealed record Figures(int Orders, int OrderEvents, int Sessions, long Clicks);

    public static async Task<Figures> AssertReadModelsMatchAsync(string bootstrapServers, ReadModelsDbContext db, IReadOnlyDictionary<string, int> acknowledgedClicks)
    {
        // Orders: the fold of each order's distinct events, in log order, against the projected summary and timeline.
        var orderEvents = ReadDistinct(bootstrapServers, Topics.Orders);
        var expectedOrders = orderEvents
            .GroupBy(e => e.Entry.OrderId)
            .ToDictionary(g => g.Key, g => (Summary: OrderStatusFold.StateAt(g.Select(e => e.Entry), DateTime.MaxValue)!, Ids: g.Select(e => e.Entry.EventId).Order().ToList()));
        var projected = await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.OrderId);
        var timeline = (await db.OrderTimeline.AsNoTracking().Select(t => new { t.OrderId, t.EventId }).ToListAsync())
            .GroupBy(t => t.OrderId).ToDictionary(g => g.Key, g => g.Select(t => t.EventId).Order().ToList());
        Assert.Equal(expectedOrders.Keys.Order(), projected.Keys.Order());
        foreach (var (orderId, expected) in expectedOrders)
        {
            var actual = projected[orderId];
            Assert.Equal((expected.Summary.Status, expected.Summary.EventCount, expected.Summary.Total), (actual.Status, actual.EventCount, actual.Total));
            Assert.Equal(expected.Ids, timeline[orderId]);
        }

        // Clicks: per session, the count of its distinct events in the log; every acknowledged batch is among them.
        var clicks = ReadDistinct(bootstrapServers, Topics.Clickstream);
        var expectedSessions = clicks.GroupBy(c => c.Key!).ToDictionary(g => g.Key, g => (long)g.Count());
        var sessions = await db.Sessions.AsNoTracking().ToDictionaryAsync(s => s.SessionId, s => s.EventCount);
        Assert.Equal(expectedSessions.OrderBy(s => s.Key), sessions.OrderBy(s => s.Key));
        Assert.All(acknowledgedClicks, a => Assert.Equal(a.Value, sessions.GetValueOrDefault(a.Key)));
        Assert.Equal(clicks.Count, await db.EventTypeCounts.SumAsync(c => c.Count));

        return new Figures(expectedOrders.Count, orderEvents.Count, expectedSessions.Count, clicks.Count);
    }

    private sealed record LoggedEvent(string? Key, OrderTimelineEntry Entry);

    /// <summary>Every record of <paramref name="topic"/> from the beginning, the first copy of each event id only.</summary>
    private static List<LoggedEvent> ReadDistinct(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"recomputation-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
        }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var seen = new HashSet<string>();
        var events = new List<LoggedEvent>();
        var atEnd = new HashSet<TopicPartition>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (atEnd.Count < partitions.Count && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(1));
            if (record is null)
            {
                continue;
            }

            if (record.IsPartitionEOF)
            {
                atEnd.Add(record.TopicPartition);
                continue;
            }

            Assert.True(KafkaEnvelopeHeaders.TryRead(record.Message.Headers, record.Message.Value, out var envelope, out var problem), problem);
            if (seen.Add(envelope.Id))
            {
                events.Add(new LoggedEvent(record.Message.Key, new OrderTimelineEntry
                {
                    OrderId = Guid.TryParse(record.Message.Key, out var orderId) ? orderId : Guid.Empty,
                    EventId = envelope.Id,
                    Type = envelope.Type,
                    OccurredAt = envelope.Time.UtcDateTime,
                    Payload = Encoding.UTF8.GetString(envelope.Data.Span),
                    Partition = record.Partition.Value,
                    Offset = record.Offset.Value,
                }));
            }
        }

        Assert.Equal(partitions.Count, atEnd.Count);
        return events;
    }
}
