using Confluent.Kafka;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.UnitTests.Messaging;

public sealed class CheckpointGuardTests
{
    private static readonly TopicPartition P0 = new("orders", 0);
    private static readonly TopicPartition P1 = new("orders", 1);

    private readonly CheckpointGuard _guard = new();

    [Fact]
    public void A_record_before_the_checkpoint_is_behind_it_and_one_at_or_after_it_is_not()
    {
        _guard.Assign(P0, 10);

        Assert.True(_guard.IsBehindCheckpoint(P0, 9));
        Assert.False(_guard.IsBehindCheckpoint(P0, 10));
        Assert.False(_guard.IsBehindCheckpoint(P0, 11));
    }

    [Fact]
    public void Without_a_stored_checkpoint_nothing_is_behind()
    {
        _guard.Assign(P0, null);

        Assert.False(_guard.IsBehindCheckpoint(P0, 0));
        Assert.False(_guard.IsBehindCheckpoint(P1, 0)); // never assigned
    }

    [Fact]
    public void Storing_a_batch_moves_the_checkpoint_so_its_records_are_behind_it()
    {
        _guard.Assign(P0, 10);
        _guard.Stored([new PartitionRange(P0, 10, 15)]);

        Assert.Equal(15, _guard.CheckpointOf(P0));
        Assert.True(_guard.IsBehindCheckpoint(P0, 14));
    }

    [Fact]
    public void A_revoked_partition_forgets_its_checkpoint()
    {
        _guard.Assign(P0, 10);
        _guard.Revoke(P0);

        Assert.Null(_guard.CheckpointOf(P0));
        Assert.False(_guard.IsBehindCheckpoint(P0, 3));
    }

    [Fact]
    public void Offsets_missing_after_the_checkpoint_are_counted_once_for_the_first_record()
    {
        _guard.Assign(P0, 10);
        _guard.StartBatch();

        Assert.Equal(3, _guard.Collect(P0, 13));
        Assert.Equal(0, _guard.Collect(P0, 14));
    }

    [Fact]
    public void Offsets_missing_between_two_records_of_a_batch_are_counted_per_partition()
    {
        _guard.Assign(P0, 0);
        _guard.Assign(P1, 0);
        _guard.StartBatch();

        Assert.Equal(0, _guard.Collect(P0, 0));
        Assert.Equal(0, _guard.Collect(P1, 0));
        Assert.Equal(4, _guard.Collect(P0, 5));
        Assert.Equal(0, _guard.Collect(P1, 1));
    }

    [Fact]
    public void A_new_batch_measures_from_the_checkpoint_again()
    {
        _guard.Assign(P0, 0);
        _guard.StartBatch();
        Assert.Equal(0, _guard.Collect(P0, 0));
        Assert.Equal(0, _guard.Collect(P0, 1));

        // The batch failed and was not stored: the consumer reads from the checkpoint again.
        _guard.StartBatch();
        Assert.Equal(0, _guard.Collect(P0, 0));
    }

    [Fact]
    public void Without_a_checkpoint_the_first_record_is_no_gap_whatever_its_offset()
    {
        _guard.Assign(P0, null);
        _guard.StartBatch();

        Assert.Equal(0, _guard.Collect(P0, 500));
        Assert.Equal(1, _guard.Collect(P0, 502));
    }
}
