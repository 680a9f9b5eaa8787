using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using EdaAspire.WorkQueue;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace EdaAspire.WorkQueueTests.ServiceBus;

/// <summary>The dead-letter sub-queue (peek, resubmit, purge) and counts, as the dashboard uses them.</summary>
public sealed class ServiceBusDeadLetterTests
{
    private readonly ServiceBusFakes _fakes = new();

    [Fact]
    public async Task Peeking_dead_letters_reads_the_sub_queue_from_a_sequence_number_with_reason_and_no_lock()
    {
        var deadLetter = ServiceBusFakes.Received(properties: new Dictionary<string, object>
        {
            ["DeadLetterReason"] = "PaymentDeclined",
            ["DeadLetterErrorDescription"] = "The card expired.",
            ["cloudEvents:id"] = "cmd-1",
        });
        _fakes.DeadLetterReceiver.PeekMessagesAsync(10, 0, Arg.Any<CancellationToken>()).Returns([deadLetter]);

        var peeked = Assert.Single(await _fakes.Queue().PeekDeadLettersAsync(10));

        Assert.Equal((WorkQueue.SubQueue.DeadLetter, "PaymentDeclined", "The card expired."), (peeked.SubQueue, peeked.DeadLetterReason, peeked.DeadLetterDescription));
        Assert.Equal((null, null), (peeked.LockToken, peeked.LockedUntil));
        Assert.Equal(["cloudEvents:id"], peeked.ApplicationProperties.Keys);
    }

    [Fact]
    public async Task Resubmitting_by_sequence_number_sends_a_fresh_copy_completes_that_dead_letter_and_abandons_the_others()
    {
        var other = ServiceBusFakes.Received(messageId: "other", sequenceNumber: 5);
        var wanted = ServiceBusFakes.Received(messageId: "cmd-1", sequenceNumber: 7, deliveryCount: 10);
        _fakes.DeadLetterReceiver.PeekMessagesAsync(1, 7, Arg.Any<CancellationToken>()).Returns([wanted]);
        ServiceBusFakes.WillReceive(_fakes.DeadLetterReceiver, other, wanted);
        var sent = new List<ServiceBusMessage>();
        await _fakes.Sender.SendMessageAsync(Arg.Do<ServiceBusMessage>(sent.Add), Arg.Any<CancellationToken>());

        Assert.True(await _fakes.Queue().ResubmitDeadLetterAsync(7));

        var copy = Assert.Single(sent);
        Assert.Equal(("cmd-1", 0), (copy.ApplicationProperties["eda-message-id"], copy.ApplicationProperties["eda-prior-deliveries"]));
        Assert.NotEqual("cmd-1", copy.MessageId);
        await _fakes.DeadLetterReceiver.Received(1).CompleteMessageAsync(wanted, Arg.Any<CancellationToken>());
        await _fakes.DeadLetterReceiver.Received(1).AbandonMessageAsync(other, null, Arg.Any<CancellationToken>());
        await _fakes.DeadLetterReceiver.DidNotReceive().AbandonMessageAsync(wanted, Arg.Any<IDictionary<string, object>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Resubmitting_a_sequence_number_that_is_not_there_locks_nothing()
    {
        _fakes.DeadLetterReceiver.PeekMessagesAsync(1, 7, Arg.Any<CancellationToken>()).Returns([ServiceBusFakes.Received(sequenceNumber: 9)]);

        Assert.False(await _fakes.Queue().ResubmitDeadLetterAsync(7));

        await _fakes.DeadLetterReceiver.DidNotReceiveWithAnyArgs().ReceiveMessagesAsync(default, default, default);
    }

    [Fact]
    public async Task Purging_deletes_dead_letters_in_receive_and_delete_mode_until_none_come()
    {
        _fakes.DeletingReceiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>()).Returns(
            [ServiceBusFakes.Received(sequenceNumber: 1), ServiceBusFakes.Received(sequenceNumber: 2)], [ServiceBusFakes.Received(sequenceNumber: 3)], []);

        Assert.Equal(3, await _fakes.Queue().PurgeDeadLettersAsync());
    }

    [Fact]
    public async Task Counts_come_from_the_administration_client_and_are_unsupported_where_management_is_not()
    {
        _fakes.Administration.GetQueueRuntimePropertiesAsync(ServiceBusFakes.QueueName, Arg.Any<CancellationToken>()).Returns(
            Azure.Response.FromValue(ServiceBusModelFactory.QueueRuntimeProperties(ServiceBusFakes.QueueName,
                activeMessageCount: 3, scheduledMessageCount: 1, deadLetterMessageCount: 2), Substitute.For<Azure.Response>()));

        Assert.Equal(new QueueCounts(3, 1, 2, InFlight: null), await _fakes.Queue().GetCountsAsync());
        await Assert.ThrowsAsync<NotSupportedException>(() => _fakes.Queue(withAdministration: false).GetCountsAsync());

        _fakes.Administration.GetQueueRuntimePropertiesAsync(ServiceBusFakes.QueueName, Arg.Any<CancellationToken>())
            .ThrowsAsync(new UnauthorizedAccessException("Manage claim required"));
        await Assert.ThrowsAsync<NotSupportedException>(() => _fakes.Queue().GetCountsAsync());
    }
}
