using Azure.Messaging.ServiceBus;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueueTests.Conformance;
using NSubstitute;

namespace EdaAspire.WorkQueueTests.ServiceBus;

/// <summary>What sending and receiving hand to the SDK and make of what it returns.</summary>
public sealed class ServiceBusSendReceiveTests
{
    private readonly ServiceBusFakes _fakes = new();

    [Fact]
    public async Task A_message_goes_to_the_SDK_with_ids_subject_content_type_CloudEvents_properties_traceparent_and_schedule()
    {
        var sent = new List<ServiceBusMessage>();
        await _fakes.Sender.SendMessagesAsync(Arg.Do<IEnumerable<ServiceBusMessage>>(m => sent.AddRange(m)), Arg.Any<CancellationToken>());
        var due = new DateTimeOffset(2030, 1, 1, 13, 0, 0, TimeSpan.Zero);
        var command = TestMessages.Command("cmd-1") with { ScheduledEnqueueTime = due };

        await _fakes.Queue().SendAsync(command);

        var message = Assert.Single(sent);
        Assert.Equal("cmd-1", message.MessageId);
        Assert.Equal("o-42", message.CorrelationId);
        Assert.Equal("shop.fulfillment.reserve.v1", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(command.Body.ToArray(), message.Body.ToArray());
        Assert.Equal(due, message.ScheduledEnqueueTime);
        Assert.Equal(TestMessages.Sorted(command.ApplicationProperties),
            message.ApplicationProperties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (string)p.Value)));
    }

    [Fact]
    public async Task A_batch_is_one_SDK_send_in_order_and_an_invalid_message_sends_nothing()
    {
        var sends = new List<List<string>>();
        await _fakes.Sender.SendMessagesAsync(Arg.Do<IEnumerable<ServiceBusMessage>>(m => sends.Add(m.Select(x => x.MessageId).ToList())), Arg.Any<CancellationToken>());
        var queue = _fakes.Queue();

        await queue.SendAsync([TestMessages.Text("a"), TestMessages.Text("b"), TestMessages.Text("c")]);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => queue.SendAsync([TestMessages.Text("d"), TestMessages.Text(" ")]));

        Assert.Equal(["a", "b", "c"], Assert.Single(sends));
    }

    [Fact]
    public async Task A_received_message_carries_the_brokers_sequence_delivery_count_lock_and_only_the_senders_properties()
    {
        var sdk = ServiceBusFakes.Received(properties: new Dictionary<string, object>
        {
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["cloudEvents:id"] = "cmd-1",
            ["Diagnostic-Id"] = "00-11111111111111111111111111111111-2222222222222222-01",
        }, deliveryCount: 2);
        ServiceBusFakes.WillReceive(_fakes.Receiver, sdk);

        var received = Assert.Single(await _fakes.Queue().ReceiveAsync(5, TimeSpan.FromSeconds(3)));

        await _fakes.Receiver.Received(1).ReceiveMessagesAsync(5, TimeSpan.FromSeconds(3), Arg.Any<CancellationToken>());
        Assert.Equal(("cmd-1", 7L, 2), (received.MessageId, received.SequenceNumber, received.DeliveryCount));
        Assert.Equal((sdk.LockToken, sdk.LockedUntil, sdk.EnqueuedTime), (received.LockToken, received.LockedUntil, received.EnqueuedTime));
        Assert.Equal(("o-42", "shop.fulfillment.reserve.v1", "application/json"), (received.CorrelationId, received.Subject, received.ContentType));
        Assert.Equal(WorkQueue.SubQueue.Active, received.SubQueue);
        Assert.Null(received.ScheduledEnqueueTime);
        Assert.Equal(["cloudEvents:id", "traceparent"], received.ApplicationProperties.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_copy_the_adapter_sent_comes_back_under_the_ports_id_with_its_earlier_deliveries_counted()
    {
        ServiceBusFakes.WillReceive(_fakes.Receiver, ServiceBusFakes.Received(messageId: "8d1f0c", deliveryCount: 1, properties: new Dictionary<string, object>
        {
            ["eda-message-id"] = "cmd-1",
            ["eda-prior-deliveries"] = 3,
        }));

        var received = Assert.Single(await _fakes.Queue().ReceiveAsync(1, TimeSpan.FromSeconds(1)));

        Assert.Equal("cmd-1", received.MessageId);
        Assert.Equal(4, received.DeliveryCount);
        Assert.Empty(received.ApplicationProperties);
    }

    [Fact]
    public async Task A_zero_wait_asks_the_SDK_for_a_short_positive_wait_which_it_requires()
    {
        ServiceBusFakes.WillReceive(_fakes.Receiver);

        Assert.Empty(await _fakes.Queue().ReceiveAsync(1, TimeSpan.Zero));

        await _fakes.Receiver.Received(1).ReceiveMessagesAsync(1, Arg.Is<TimeSpan?>(w => w > TimeSpan.Zero), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Receivers_peek_lock_the_queue_with_the_configured_prefetch()
    {
        var queue = new WorkQueue.ServiceBus.ServiceBusWorkQueue(_fakes.Client, null, new WorkQueueOptions { QueueName = ServiceBusFakes.QueueName, PrefetchCount = 20 });
        ServiceBusFakes.WillReceive(_fakes.Receiver);

        await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1));

        _fakes.Client.Received(1).CreateReceiver(ServiceBusFakes.QueueName, Arg.Is<ServiceBusReceiverOptions>(o =>
            o.PrefetchCount == 20 && o.ReceiveMode == ServiceBusReceiveMode.PeekLock && o.SubQueue == Azure.Messaging.ServiceBus.SubQueue.None));
    }

    [Fact]
    public async Task A_transient_failure_the_SDKs_retries_did_not_cure_reaches_the_caller_unchanged()
    {
        _fakes.Receiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>())
            .Returns<IReadOnlyList<ServiceBusReceivedMessage>>(_ => throw ServiceBusFakes.Transient());

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => _fakes.Queue().ReceiveAsync(1, TimeSpan.FromSeconds(1)));

        Assert.True(error.IsTransient);
    }
}
