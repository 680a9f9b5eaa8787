using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>Send, receive, complete; what a message carries; how receive waits.</summary>
public abstract partial class WorkQueueConformance
{
    [Fact]
    public async Task A_sent_message_is_received_and_completing_it_removes_it()
    {
        var queue = await CreateQueueAsync();
        await queue.SendAsync(TestMessages.Text("m-1", "hello"));

        var received = await ReceiveOneAsync(queue);
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("hello", TestMessages.BodyText(received));
        await AssertCountsAsync(queue, Counts(active: 1, scheduled: 0, deadLettered: 0, inFlight: 1));

        await queue.CompleteAsync(received);
        await AssertCountsAsync(queue, Counts(0, 0, 0, 0));
        await AssertNothingToReceiveAsync(queue);
    }

    [Fact]
    public async Task Body_properties_correlation_subject_and_content_type_round_trip()
    {
        var queue = await CreateQueueAsync();
        var sent = TestMessages.Command("cmd-1");
        var before = Now;
        await queue.SendAsync(sent);

        var received = await ReceiveOneAsync(queue);
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(sent.Body.ToArray(), received.Body.ToArray());
        Assert.Equal(sent.CorrelationId, received.CorrelationId);
        Assert.Equal(sent.Subject, received.Subject);
        Assert.Equal(sent.ContentType, received.ContentType);
        Assert.Equal(TestMessages.Sorted(sent.ApplicationProperties), TestMessages.Sorted(received.ApplicationProperties));
        Assert.Null(received.ScheduledEnqueueTime);

        Assert.Equal(SubQueue.Active, received.SubQueue);
        Assert.Equal(1, received.DeliveryCount);
        Assert.NotNull(received.LockToken);
        Assert.Null(received.DeadLetterReason);
        Assert.InRange(received.EnqueuedTime, before.AddSeconds(-5), Now.AddSeconds(5));
        Assert.True(received.LockedUntil > received.EnqueuedTime, "the lock ends after the message was enqueued");
        await queue.CompleteAsync(received);
    }

    [Fact]
    public async Task A_batch_is_delivered_whole_with_sequence_numbers_in_send_order()
    {
        var queue = await CreateQueueAsync();
        var ids = Enumerable.Range(1, 5).Select(i => $"batch-{i}").ToList();
        await queue.SendAsync(ids.Select(id => TestMessages.Text(id)).ToList());

        var received = await ReceiveAllAsync(queue, ids.Count);
        Assert.Equal(ids, received.OrderBy(m => m.SequenceNumber).Select(m => m.MessageId));
        Assert.Equal(ids.Count, received.Select(m => m.SequenceNumber).Distinct().Count());
    }

    [Fact]
    public async Task Receive_returns_no_more_than_max_messages()
    {
        var queue = await CreateQueueAsync();
        await queue.SendAsync(Enumerable.Range(1, 5).Select(i => TestMessages.Text($"max-{i}")).ToList());

        var received = await queue.ReceiveAsync(2, ArrivalWait);
        Assert.InRange(received.Count, 1, 2);
    }

    [Fact]
    public async Task Receive_on_an_empty_queue_returns_nothing_and_not_before_max_wait_has_passed_on_the_queues_clock()
    {
        var queue = await CreateQueueAsync();
        var maxWait = TimeSpan.FromMilliseconds(600);

        var started = Now;
        var received = await WhileTimePassesAsync(queue.ReceiveAsync(10, maxWait));

        Assert.Empty(received);
        // A broker's own timer may end its wait a hair early; a queue on a fake clock cannot end it before.
        Assert.True(Now - started >= maxWait - TimeSpan.FromMilliseconds(100), $"it returned after {Now - started} of a {maxWait} wait");
    }

    [Fact]
    public async Task A_waiting_receive_returns_the_message_that_arrives_during_the_wait()
    {
        var queue = await CreateQueueAsync();
        var maxWait = TimeSpan.FromSeconds(20);
        var started = Now;
        var receiving = queue.ReceiveAsync(1, maxWait);

        await queue.SendAsync(TestMessages.Text("late"));

        var received = await WhileTimePassesAsync(receiving);
        Assert.Equal("late", Assert.Single(received).MessageId);
        Assert.True(Now - started < maxWait, "the receive noticed the arrival instead of running out its wait");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task A_message_without_an_id_is_refused(string messageId)
    {
        var queue = await CreateQueueAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => queue.SendAsync(TestMessages.Text(messageId)));
    }

    [Fact]
    public async Task A_message_id_longer_than_128_characters_is_refused()
    {
        var queue = await CreateQueueAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => queue.SendAsync(TestMessages.Text(new string('x', 129))));
        await AssertNothingToReceiveAsync(queue);
    }

    [Fact]
    public async Task A_scheduled_message_is_invisible_and_counted_as_scheduled_until_its_time()
    {
        var queue = await CreateQueueAsync();
        var due = Now.AddSeconds(1.5);
        var scheduled = TestMessages.Text("later") with { ScheduledEnqueueTime = due };
        Assert.Equal(Capabilities.SupportsScheduling, queue.SupportsScheduling);
        if (!Capabilities.SupportsScheduling)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => queue.SendAsync(scheduled));
            return;
        }

        await queue.SendAsync(scheduled);
        await AssertNothingToReceiveAsync(queue);
        await AssertCountsAsync(queue, Counts(active: 0, scheduled: 1, deadLettered: 0, inFlight: 0));

        await WaitUntilPassedAsync(due);
        var received = await ReceiveOneAsync(queue);
        Assert.True(Now >= due.AddMilliseconds(-200), "not delivered before its scheduled time");
        Assert.Equal("later", received.MessageId);
        Assert.NotNull(received.ScheduledEnqueueTime);
        Assert.InRange(received.ScheduledEnqueueTime.Value, due.AddSeconds(-1), due.AddSeconds(1));
        await queue.CompleteAsync(received);
    }

    [Fact]
    public async Task Counts_report_active_scheduled_in_flight_and_dead_lettered_messages()
    {
        var queue = await CreateQueueAsync();
        await queue.DeadLetterAsync(await SendAndReceiveAsync(queue, "poison"), "Poison");
        await queue.SendAsync([TestMessages.Text("a"), TestMessages.Text("b"), TestMessages.Text("c")]);
        var scheduled = Capabilities.SupportsScheduling ? 1 : 0;
        if (Capabilities.SupportsScheduling)
        {
            await queue.SendAsync(TestMessages.Text("next-hour") with { ScheduledEnqueueTime = Now.AddHours(1) });
        }

        await ReceiveOneAsync(queue);

        // Service Bus counts a locked message as active; in flight is the part of active that is locked.
        await AssertCountsAsync(queue, Counts(active: 3, scheduled: scheduled, deadLettered: 1, inFlight: 1));
    }
}
