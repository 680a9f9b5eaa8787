using System.Text.Json;
using Confluent.Kafka;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.UnitTests.Messaging;

public sealed class PoisonIsolationTests
{
    private static readonly TopicPartition P0 = new("orders", 0);
    private static readonly TopicPartition P1 = new("orders", 1);

    [Fact]
    public void Records_are_tried_alone_by_partition_then_offset()
    {
        var batch = new ConsumedBatch([Event(P1, 3), Event(P0, 8), Event(P1, 1), Event(P0, 7)], []);

        Assert.Equal(
            [(0, 7L), (0, 8L), (1, 1L), (1, 3L)],
            PoisonIsolation.OneByOne(batch).Select(e => (e.Position.Partition.Value, e.Position.Offset.Value)));
    }

    [Fact]
    public void A_record_alone_spans_from_its_partitions_checkpoint_up_to_it()
    {
        var alone = PoisonIsolation.Alone(Event(P0, 8), from: 5);

        Assert.Single(alone.Events);
        Assert.Equal(new PartitionRange(P0, 5, 9), Assert.Single(alone.Ranges));
    }

    [Fact]
    public void Past_a_parked_record_only_the_checkpoint_moves()
    {
        var past = PoisonIsolation.PastParked(PoisonIsolation.Alone(Event(P0, 8), from: null));

        Assert.Empty(past.Events);
        Assert.Equal(new PartitionRange(P0, null, 9), Assert.Single(past.Ranges));
    }

    [Fact]
    public void The_remainder_is_what_the_events_alone_left_of_each_range()
    {
        // Partition 0 ends in records that are not envelopes (offsets 9 and 10); partition 1 is done.
        var batch = new ConsumedBatch([Event(P0, 8), Event(P1, 2)], [new PartitionRange(P0, 5, 11), new PartitionRange(P1, 2, 3)]);
        var checkpoints = new Dictionary<TopicPartition, long?> { [P0] = 9, [P1] = 3 };

        var rest = PoisonIsolation.Remainder(batch, p => checkpoints[p]);

        Assert.NotNull(rest);
        Assert.Empty(rest.Events);
        Assert.Equal(new PartitionRange(P0, 9, 11), Assert.Single(rest.Ranges));
    }

    [Fact]
    public void No_remainder_once_every_range_is_reached_and_a_partition_without_checkpoint_still_has_one()
    {
        var batch = new ConsumedBatch([], [new PartitionRange(P0, 5, 11), new PartitionRange(P1, null, 3)]);

        Assert.Null(PoisonIsolation.Remainder(new ConsumedBatch([], [new PartitionRange(P0, 5, 11)]), _ => 11));
        Assert.Equal(new PartitionRange(P1, null, 3), Assert.Single(PoisonIsolation.Remainder(batch, p => p == P0 ? 11 : null)!.Ranges));
    }

    [Fact]
    public void A_record_is_parked_for_a_fault_of_its_own_never_for_an_outage()
    {
        Assert.True(PoisonIsolation.ShouldPark(new JsonException("bad body")));
        Assert.True(PoisonIsolation.ShouldPark(new InvalidOperationException("bug")));
        Assert.False(PoisonIsolation.ShouldPark(new TimeoutException()));
        Assert.False(PoisonIsolation.ShouldPark(new InvalidOperationException("wrapped", new IOException("disk"))));
        Assert.False(PoisonIsolation.ShouldPark(new KafkaException(ErrorCode.Local_AllBrokersDown)));
    }

    private static ConsumedEvent Event(TopicPartition partition, long offset) => new(
        new TopicPartitionOffset(partition, offset),
        "key",
        new EventEnvelope($"e-{partition.Partition.Value}-{offset}", "shop.order.placed.v1", "/test", DateTimeOffset.UnixEpoch, "{}"u8.ToArray()));
}
