using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>Peek-lock: a delivery hides the message until it is settled or its lock expires; a lost lock cannot settle.</summary>
public abstract partial class WorkQueueConformance
{
    [Fact]
    public async Task A_locked_message_is_hidden_until_its_lock_expires_then_redelivered_with_delivery_count_2()
    {
        var queue = await CreateQueueWithTimedLocksAsync(o => o with { LockDuration = ShortLock });
        if (queue is null)
        {
            return;
        }

        var first = await SendAndReceiveAsync(queue, "locked");
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero));

        await WaitUntilPassedAsync(first.LockedUntil!.Value);
        var second = await ReceiveOneAsync(queue);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(ExpectedDeliveryCount(2), second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
        await queue.CompleteAsync(second);
    }

    [Fact]
    public async Task Renewing_the_lock_keeps_the_message_hidden_past_the_original_lock()
    {
        var lockDuration = ShortLock * 2;
        var queue = await CreateQueueWithTimedLocksAsync(o => o with { LockDuration = lockDuration });
        if (queue is null)
        {
            return;
        }

        var received = await SendAndReceiveAsync(queue, "long-job");
        await LetTimePassAsync(lockDuration / 2);

        var renewedUntil = await queue.RenewLockAsync(received);
        Assert.True(renewedUntil > received.LockedUntil, "the renewed lock ends later than the original");

        await WaitUntilPassedAsync(received.LockedUntil!.Value);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero));
        await queue.CompleteAsync(received); // the same delivery still holds the lock
        await AssertCountsAsync(queue, Counts(0, 0, 0, 0));
    }

    [Fact]
    public async Task Completing_with_an_expired_lock_throws_MessageLockLost_and_the_message_comes_again()
    {
        var queue = await CreateQueueWithTimedLocksAsync(o => o with { LockDuration = ShortLock });
        if (queue is null)
        {
            return;
        }

        var received = await SendAndReceiveAsync(queue, "slow");
        await WaitUntilPassedAsync(received.LockedUntil!.Value);

        var lost = await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(received));
        Assert.Equal(received.SequenceNumber, lost.SequenceNumber);

        var again = await ReceiveOneAsync(queue);
        Assert.Equal("slow", again.MessageId);
        Assert.Equal(ExpectedDeliveryCount(2), again.DeliveryCount);
        await queue.CompleteAsync(again);
    }

    [Fact]
    public async Task A_consumer_whose_lock_expired_cannot_settle_the_delivery_another_consumer_now_holds()
    {
        var queue = await CreateQueueWithTimedLocksAsync(o => o with { LockDuration = ShortLock });
        if (queue is null)
        {
            return;
        }

        var stale = await SendAndReceiveAsync(queue, "contested");
        await WaitUntilPassedAsync(stale.LockedUntil!.Value);
        var current = await ReceiveOneAsync(queue);

        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(stale));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.AbandonAsync(stale));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.DeadLetterAsync(stale, "Stale"));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.RenewLockAsync(stale));

        await queue.CompleteAsync(current);
        await AssertCountsAsync(queue, Counts(0, 0, 0, 0));
    }

    [Fact]
    public async Task A_settled_delivery_cannot_be_settled_again()
    {
        var queue = await CreateQueueAsync();
        var received = await SendAndReceiveAsync(queue, "once");
        await queue.CompleteAsync(received);

        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(received));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.AbandonAsync(received));
    }

    [Fact]
    public async Task An_abandoned_message_is_delivered_again_with_its_delivery_count_incremented()
    {
        var queue = await CreateQueueAsync();
        var first = await SendAndReceiveAsync(queue, "retry-me");
        await queue.AbandonAsync(first);

        var second = await ReceiveOneAsync(queue);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(ExpectedDeliveryCount(2), second.DeliveryCount);
        await queue.CompleteAsync(second);
    }

    [Fact]
    public async Task An_abandoned_message_with_a_retry_delay_stays_hidden_until_the_delay_has_passed()
    {
        var queue = await CreateQueueAsync();
        var first = await SendAndReceiveAsync(queue, "backoff");
        var delay = TimeSpan.FromSeconds(1.5);
        if (!Capabilities.SupportsRetryDelay)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => queue.AbandonAsync(first, delay));
            return;
        }

        var abandonedAt = Now;
        await queue.AbandonAsync(first, delay);
        await AssertNothingToReceiveAsync(queue);

        await WaitUntilPassedAsync(abandonedAt + delay);
        var second = await ReceiveOneAsync(queue);
        Assert.True(Now >= abandonedAt + delay - TimeSpan.FromMilliseconds(200), "not delivered before the retry delay passed");
        Assert.Equal(ExpectedDeliveryCount(2), second.DeliveryCount);
        await queue.CompleteAsync(second);
    }
}
