using EdaAspire.Saga.Worker.Outbox;

namespace EdaAspire.UnitTests.Saga;

public class OutboxSignalTests
{
    [Fact]
    public void A_wait_taken_before_a_commit_is_woken_by_it()
    {
        var signal = new OutboxSignal();
        var taken = signal.Next;
        Assert.False(taken.IsCompleted);

        signal.Notify();

        Assert.True(taken.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_wait_taken_after_a_commit_waits_for_the_next_one()
    {
        var signal = new OutboxSignal();
        signal.Notify();

        var next = signal.Next;

        Assert.False(next.IsCompleted);
        signal.Notify();
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public void Many_commits_between_two_passes_wake_the_relay_once_without_piling_up()
    {
        var signal = new OutboxSignal();
        var taken = signal.Next;

        for (var i = 0; i < 1000; i++)
        {
            signal.Notify();
        }

        Assert.True(taken.IsCompletedSuccessfully);
        Assert.False(signal.Next.IsCompleted);
    }
}
