namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>Duplicate detection: a message id sent again within the window is dropped silently, as Service Bus does.</summary>
public abstract partial class WorkQueueConformance
{
    [Fact]
    public async Task A_message_id_sent_twice_within_the_window_is_delivered_once()
    {
        var queue = await CreateQueueAsync();
        await queue.SendAsync(TestMessages.Text("charge-42", "first"));
        await queue.SendAsync(TestMessages.Text("charge-42", "second")); // a retried send: no error

        var received = await ReceiveOneAsync(queue);
        Assert.Equal("first", TestMessages.BodyText(received));
        await queue.CompleteAsync(received);
        if (Capabilities.SupportsDuplicateDetection)
        {
            await AssertNothingToReceiveAsync(queue);
        }
        else
        {
            Assert.Equal("second", TestMessages.BodyText(await ReceiveOneAsync(queue)));
        }
    }

    [Fact]
    public async Task A_message_id_sent_again_after_its_message_was_completed_is_still_dropped_within_the_window()
    {
        var queue = await CreateQueueAsync();
        await queue.CompleteAsync(await SendAndReceiveAsync(queue, "ship-7"));

        await queue.SendAsync(TestMessages.Text("ship-7"));
        if (Capabilities.SupportsDuplicateDetection)
        {
            await AssertNothingToReceiveAsync(queue);
            await AssertCountsAsync(queue, Counts(0, 0, 0, 0));
        }
        else
        {
            Assert.Equal("ship-7", (await ReceiveOneAsync(queue)).MessageId);
        }
    }

    [Fact]
    public async Task A_duplicate_inside_one_batch_is_dropped_and_the_rest_of_the_batch_delivered()
    {
        var queue = await CreateQueueAsync();
        await queue.SendAsync([TestMessages.Text("a", "first a"), TestMessages.Text("a", "second a"), TestMessages.Text("b")]);

        var expected = Capabilities.SupportsDuplicateDetection ? 2 : 3;
        var received = await ReceiveAllAsync(queue, expected);
        Assert.Equal(expected, received.Count);
        await AssertNothingToReceiveAsync(queue);
        Assert.Equal("first a", TestMessages.BodyText(received.OrderBy(m => m.SequenceNumber).First()));
        Assert.Contains(received, m => m.MessageId == "b");
    }
}
