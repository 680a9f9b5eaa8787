using System.Text;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Kafka;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.IntegrationTests.Poison;

/// <summary>
/// A record of a known type whose body no handler can read fails every attempt. The projections must park it in
/// <c>orders.deadletter</c> with the reason and go on with the records behind it in the same partition.
/// </summary>
public sealed class KafkaPoisonTests : IDisposable
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private readonly TempDatabase _readModels = new();

    [Fact]
    public async Task A_record_that_always_fails_is_parked_with_its_reason_and_the_partition_moves_on()
    {
        using var writer = new OrderEventWriter(_kafka.BootstrapServers);
        await using var projections = await ProjectionsWorker.StartAsync(_kafka.BootstrapServers, _readModels.ConnectionString);
        var poisoned = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        // Same key, so the same partition: the valid order after the poison record waits behind it.
        await writer.WriteRawAsync(poisoned, OrderEventCatalog.Instance.TypeOf(Placed(poisoned, now)), Encoding.UTF8.GetBytes("{\"orderId\": 42"), now, eventId: "poison-1");
        await writer.WriteAsync(Placed(poisoned, now), now);
        var others = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var orderId in others)
        {
            await writer.WriteAsync(Placed(orderId, now), now);
        }

        await WaitForOrdersAsync(others.Append(poisoned).ToHashSet(), TimeSpan.FromSeconds(90));

        var parked = ReadDeadLetters(Topics.Orders);
        var copy = Assert.Single(parked, r => Header(r, "ce_id") == "poison-1");
        Assert.Equal(poisoned.ToString(), copy.Message.Key);
        Assert.Equal("{\"orderId\": 42", Encoding.UTF8.GetString(copy.Message.Value));
        Assert.Equal(Topics.Orders, Header(copy, DeadLetterTopic.OriginalTopicHeader));
        Assert.Equal("projections-orders", Header(copy, DeadLetterTopic.GroupHeader));
        Assert.Contains("Json", Header(copy, DeadLetterTopic.ErrorTypeHeader), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Header(copy, DeadLetterTopic.ReasonHeader)));
        Assert.DoesNotContain(parked, r => Header(r, "ce_id") != "poison-1"); // nothing else was parked
    }

    private static OrderPlaced Placed(Guid orderId, DateTimeOffset at) => new(
        orderId, "c-1", [new OrderLine("p-1", 1, 10m)], "EUR", 10m, new ShippingAddress("Ada", "1 Way", null, "London", "N1", "GB"), at);

    private async Task WaitForOrdersAsync(HashSet<Guid> expected, TimeSpan timeout)
    {
        var probe = new ReadModelsProbe(_readModels.ConnectionString);
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = probe.Open();
            try
            {
                seen = await db.Orders.CountAsync(o => expected.Contains(o.OrderId));
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // schema not created yet
            }

            if (seen == expected.Count)
            {
                return;
            }

            await Task.Delay(200); // polls the read model; the timeout fails the test
        }

        Assert.Fail($"{seen} of {expected.Count} orders projected within {timeout}: the partition behind the poison record stalled.");
    }

    private List<ConsumeResult<string, byte[]>> ReadDeadLetters(string topic) =>
        new KafkaProbe(_kafka.BootstrapServers).ReadAll(DeadLetterTopic.For(topic), expected: int.MaxValue, limit: TimeSpan.FromSeconds(10));

    private static string? Header(ConsumeResult<string, byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    public void Dispose()
    {
        _kafka.Dispose();
        _readModels.Dispose();
    }
}
