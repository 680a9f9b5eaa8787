using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>The dead-letter queue: the maximum delivery count, explicit dead-lettering, inspection, resubmission, purge.</summary>
public abstract partial class WorkQueueConformance
{
    [Fact]
    public async Task A_message_abandoned_at_the_max_delivery_count_goes_to_the_dead_letter_queue()
    {
        var queue = await CreateQueueAsync(o => o with { MaxDeliveryCount = 3 });
        await queue.SendAsync(TestMessages.Text("flaky"));
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            var received = await ReceiveOneAsync(queue);
            Assert.Equal(ExpectedDeliveryCount(delivery), received.DeliveryCount);
            await queue.AbandonAsync(received);
        }

        await AssertNothingToReceiveAsync(queue);
        var deadLetter = Assert.Single(await queue.PeekDeadLettersAsync(10));
        Assert.Equal("flaky", deadLetter.MessageId);
        Assert.Equal(SubQueue.DeadLetter, deadLetter.SubQueue);
        AssertReason(DeadLetterReasons.MaxDeliveryCountExceeded, deadLetter);
        await AssertCountsAsync(queue, Counts(active: 0, scheduled: 0, deadLettered: 1, inFlight: 0));
    }

    [Fact]
    public async Task A_message_whose_last_allowed_lock_expires_goes_to_the_dead_letter_queue()
    {
        var queue = await CreateQueueWithTimedLocksAsync(o => o with { MaxDeliveryCount = 2, LockDuration = ShortLock });
        if (queue is null)
        {
            return;
        }

        await queue.SendAsync(TestMessages.Text("crashing-consumer"));
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            var received = await ReceiveOneAsync(queue);
            Assert.Equal(ExpectedDeliveryCount(delivery), received.DeliveryCount);
            await WaitUntilPassedAsync(received.LockedUntil!.Value); // the consumer "crashed": no settlement
        }

        await AssertNothingToReceiveAsync(queue);
        var deadLetter = Assert.Single(await queue.PeekDeadLettersAsync(10));
        Assert.Equal("crashing-consumer", deadLetter.MessageId);
        AssertReason(DeadLetterReasons.MaxDeliveryCountExceeded, deadLetter);
    }

    [Fact]
    public async Task An_explicit_dead_letter_keeps_the_message_and_shows_its_reason_on_peek()
    {
        var queue = await CreateQueueAsync();
        var sent = TestMessages.Command("declined");
        await queue.SendAsync(sent);
        await queue.DeadLetterAsync(await ReceiveOneAsync(queue), "PaymentDeclined", "The card expired.");

        await AssertNothingToReceiveAsync(queue);
        var peeked = Assert.Single(await queue.PeekDeadLettersAsync(10));
        Assert.Equal(sent.MessageId, peeked.MessageId);
        Assert.Equal(sent.Body.ToArray(), peeked.Body.ToArray());
        Assert.Equal(sent.CorrelationId, peeked.CorrelationId);
        Assert.Equal(TestMessages.Sorted(sent.ApplicationProperties), TestMessages.Sorted(peeked.ApplicationProperties));
        Assert.Equal(SubQueue.DeadLetter, peeked.SubQueue);
        Assert.Null(peeked.LockToken);
        Assert.Null(peeked.LockedUntil);
        AssertReason("PaymentDeclined", peeked);
        if (Capabilities.ReportsDeadLetterReason)
        {
            Assert.Equal("The card expired.", peeked.DeadLetterDescription);
        }

        Assert.Single(await queue.PeekDeadLettersAsync(10)); // peeking removes nothing
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.CompleteAsync(peeked)); // and locks nothing
    }

    [Fact]
    public async Task A_dead_letter_received_under_a_lock_is_removed_by_completing_it()
    {
        var queue = await CreateQueueAsync();
        await queue.DeadLetterAsync(await SendAndReceiveAsync(queue, "to-inspect"), "Poison");

        var deadLetter = Assert.Single(await queue.ReceiveDeadLettersAsync(10, ArrivalWait));
        Assert.Equal("to-inspect", deadLetter.MessageId);
        Assert.Equal(SubQueue.DeadLetter, deadLetter.SubQueue);
        Assert.NotNull(deadLetter.LockToken);
        Assert.Empty(await queue.ReceiveDeadLettersAsync(10, TimeSpan.Zero)); // locked
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.DeadLetterAsync(deadLetter, "Again"));

        await queue.CompleteAsync(deadLetter);
        Assert.Empty(await queue.PeekDeadLettersAsync(10));
        await AssertCountsAsync(queue, Counts(0, 0, 0, 0));
    }

    [Fact]
    public async Task A_resubmitted_dead_letter_is_received_again_with_a_fresh_delivery_count_despite_duplicate_detection()
    {
        var queue = await CreateQueueAsync(o => o with { MaxDeliveryCount = 2 });
        var sent = TestMessages.Command("resubmit-me");
        await queue.SendAsync(sent);
        await queue.AbandonAsync(await ReceiveOneAsync(queue));
        await queue.AbandonAsync(await ReceiveOneAsync(queue));
        var deadLetter = Assert.Single(await queue.PeekDeadLettersAsync(10));

        // The original id was sent seconds ago, well inside the duplicate-detection window: the copy must still arrive.
        Assert.True(await queue.ResubmitDeadLetterAsync(deadLetter.SequenceNumber));
        Assert.Empty(await queue.PeekDeadLettersAsync(10));

        var again = await ReceiveOneAsync(queue);
        Assert.Equal(sent.Body.ToArray(), again.Body.ToArray());
        Assert.Equal(sent.CorrelationId, again.CorrelationId);
        Assert.Equal(sent.Subject, again.Subject);
        Assert.Equal(TestMessages.Sorted(sent.ApplicationProperties), TestMessages.Sorted(again.ApplicationProperties));
        Assert.Equal(SubQueue.Active, again.SubQueue);
        Assert.Equal(1, again.DeliveryCount);
        Assert.Null(again.DeadLetterReason);
        if (Capabilities.ResubmitKeepsMessageId)
        {
            Assert.Equal(sent.MessageId, again.MessageId);
        }
        else
        {
            Assert.NotEqual(sent.MessageId, again.MessageId);
        }

        await queue.CompleteAsync(again);
        await AssertCountsAsync(queue, Counts(0, 0, 0, 0));
        Assert.False(await queue.ResubmitDeadLetterAsync(deadLetter.SequenceNumber)); // it is gone
    }

    [Fact]
    public async Task A_dead_letter_held_under_a_lock_can_be_resubmitted()
    {
        var queue = await CreateQueueAsync();
        var active = await SendAndReceiveAsync(queue, "fixed-now");
        await Assert.ThrowsAsync<ArgumentException>(() => queue.ResubmitDeadLetterAsync(active)); // not a dead letter
        await queue.DeadLetterAsync(active, "BugInHandler");

        var deadLetter = Assert.Single(await queue.ReceiveDeadLettersAsync(1, ArrivalWait));
        await queue.ResubmitDeadLetterAsync(deadLetter);

        Assert.Empty(await queue.PeekDeadLettersAsync(10));
        var again = await ReceiveOneAsync(queue);
        Assert.Equal(TestMessages.BodyText(active), TestMessages.BodyText(again));
        await queue.CompleteAsync(again);
    }

    [Fact]
    public async Task Purging_removes_every_dead_letter_and_leaves_active_messages()
    {
        var queue = await CreateQueueAsync();
        await queue.SendAsync([TestMessages.Text("d-1"), TestMessages.Text("d-2"), TestMessages.Text("d-3")]);
        foreach (var received in await ReceiveAllAsync(queue, 3))
        {
            await queue.DeadLetterAsync(received, "Poison");
        }

        await queue.SendAsync(TestMessages.Text("keep"));

        Assert.Equal(3, await queue.PurgeDeadLettersAsync());
        Assert.Empty(await queue.PeekDeadLettersAsync(10));
        await AssertCountsAsync(queue, Counts(active: 1, scheduled: 0, deadLettered: 0, inFlight: 0));
        Assert.Equal(0, await queue.PurgeDeadLettersAsync());
    }

    [Fact]
    public async Task Peeking_dead_letters_pages_through_them_in_sequence_order()
    {
        var queue = await CreateQueueAsync();
        var ids = Enumerable.Range(1, 5).Select(i => $"page-{i}").ToList();
        await queue.SendAsync(ids.Select(id => TestMessages.Text(id)).ToList());
        foreach (var received in await ReceiveAllAsync(queue, ids.Count))
        {
            await queue.DeadLetterAsync(received, "Poison");
        }

        var first = await queue.PeekDeadLettersAsync(2);
        var second = await queue.PeekDeadLettersAsync(2, first[^1].SequenceNumber + 1);
        var rest = await queue.PeekDeadLettersAsync(10, second[^1].SequenceNumber + 1);

        Assert.Equal(2, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Single(rest);
        var all = first.Concat(second).Concat(rest).ToList();
        Assert.Equal(ids, all.Select(m => m.MessageId));
        Assert.Equal(all.Select(m => m.SequenceNumber).Order(), all.Select(m => m.SequenceNumber));
    }

    private void AssertReason(string expected, ReceivedMessage deadLetter)
    {
        if (Capabilities.ReportsDeadLetterReason)
        {
            Assert.Equal(expected, deadLetter.DeadLetterReason);
        }
        else
        {
            Assert.Null(deadLetter.DeadLetterReason);
        }
    }
}
