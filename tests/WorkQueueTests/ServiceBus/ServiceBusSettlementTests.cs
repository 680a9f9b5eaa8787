using Azure.Messaging.ServiceBus;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace EdaAspire.WorkQueueTests.ServiceBus;

/// <summary>Complete, abandon, dead-letter and renew map to the SDK's calls on the message's own receiver; a lost lock maps to ours.</summary>
public sealed class ServiceBusSettlementTests
{
    private readonly ServiceBusFakes _fakes = new();

    [Fact]
    public async Task Complete_abandon_dead_letter_and_renew_are_the_SDKs_calls_on_the_received_message()
    {
        var queue = _fakes.Queue();
        var (first, completed) = await _fakes.ReceiveOneAsync(queue, ServiceBusFakes.Received(sequenceNumber: 1));
        var (second, abandoned) = await _fakes.ReceiveOneAsync(queue, ServiceBusFakes.Received(sequenceNumber: 2));
        var (third, poisoned) = await _fakes.ReceiveOneAsync(queue, ServiceBusFakes.Received(sequenceNumber: 3));

        Assert.Equal(third.LockedUntil, await queue.RenewLockAsync(poisoned));
        await queue.CompleteAsync(completed);
        await queue.AbandonAsync(abandoned);
        await queue.DeadLetterAsync(poisoned, "PaymentDeclined", "The card expired.");

        await _fakes.Receiver.Received(1).RenewMessageLockAsync(third, Arg.Any<CancellationToken>());
        await _fakes.Receiver.Received(1).CompleteMessageAsync(first, Arg.Any<CancellationToken>());
        await _fakes.Receiver.Received(1).AbandonMessageAsync(second, null, Arg.Any<CancellationToken>());
        await _fakes.Receiver.Received(1).DeadLetterMessageAsync(third, "PaymentDeclined", "The card expired.", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Abandoning_with_a_delay_schedules_a_copy_under_a_new_broker_id_then_completes_the_delivery()
    {
        var sent = new List<ServiceBusMessage>();
        await _fakes.Sender.SendMessageAsync(Arg.Do<ServiceBusMessage>(sent.Add), Arg.Any<CancellationToken>());
        var queue = _fakes.Queue();
        var (sdk, received) = await _fakes.ReceiveOneAsync(queue, ServiceBusFakes.Received(deliveryCount: 2));

        await queue.AbandonAsync(received, TimeSpan.FromSeconds(40));

        var copy = Assert.Single(sent);
        Assert.NotEqual("cmd-1", copy.MessageId); // duplicate detection would drop the port's id
        Assert.Equal("cmd-1", copy.ApplicationProperties["eda-message-id"]);
        Assert.Equal(2, copy.ApplicationProperties["eda-prior-deliveries"]);
        Assert.Equal(_fakes.Time.GetUtcNow().AddSeconds(40), copy.ScheduledEnqueueTime);
        Assert.Equal(sdk.Body.ToArray(), copy.Body.ToArray());
        Received.InOrder(() =>
        {
            _fakes.Sender.SendMessageAsync(copy, Arg.Any<CancellationToken>());
            _fakes.Receiver.CompleteMessageAsync(sdk, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Abandoning_with_a_delay_at_the_max_delivery_count_dead_letters_as_the_broker_would()
    {
        var queue = _fakes.Queue(maxDeliveryCount: 3);
        var (sdk, received) = await _fakes.ReceiveOneAsync(queue, ServiceBusFakes.Received(deliveryCount: 3));

        await queue.AbandonAsync(received, TimeSpan.FromSeconds(40));

        await _fakes.Receiver.Received(1).DeadLetterMessageAsync(sdk, DeadLetterReasons.MaxDeliveryCountExceeded, Arg.Any<string>(), Arg.Any<CancellationToken>());
        await _fakes.Sender.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default);
    }

    [Fact]
    public async Task A_lock_the_broker_reports_lost_throws_MessageLockLost_and_the_delivery_is_no_longer_held()
    {
        var queue = _fakes.Queue();
        var (sdk, received) = await _fakes.ReceiveOneAsync(queue);
        _fakes.Receiver.CompleteMessageAsync(sdk, Arg.Any<CancellationToken>()).ThrowsAsync(ServiceBusFakes.LockLost());

        var lost = await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(received));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.AbandonAsync(received));

        Assert.Equal((ServiceBusFakes.QueueName, 7L), (lost.QueueName, lost.SequenceNumber));
        Assert.IsType<ServiceBusException>(lost.InnerException);
        await _fakes.Receiver.DidNotReceiveWithAnyArgs().AbandonMessageAsync(default!, default, default);
    }

    [Fact]
    public async Task A_lost_lock_on_renewal_throws_MessageLockLost()
    {
        var queue = _fakes.Queue();
        var (sdk, received) = await _fakes.ReceiveOneAsync(queue);
        _fakes.Receiver.RenewMessageLockAsync(sdk, Arg.Any<CancellationToken>()).ThrowsAsync(ServiceBusFakes.LockLost());

        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.RenewLockAsync(received));
        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(received));
    }

    [Fact]
    public async Task A_settled_delivery_cannot_be_settled_again_and_a_peeked_one_cannot_be_settled_at_all()
    {
        var queue = _fakes.Queue();
        var (_, received) = await _fakes.ReceiveOneAsync(queue);
        await queue.CompleteAsync(received);

        await Assert.ThrowsAsync<MessageLockLostException>(() => queue.CompleteAsync(received));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.CompleteAsync(received with { LockToken = null }));
        await _fakes.Receiver.ReceivedWithAnyArgs(1).CompleteMessageAsync(default!, default);
    }

    [Fact]
    public async Task A_transient_failure_to_settle_keeps_the_delivery_so_the_caller_can_settle_it_again()
    {
        var queue = _fakes.Queue();
        var (sdk, received) = await _fakes.ReceiveOneAsync(queue);
        _fakes.Receiver.CompleteMessageAsync(sdk, Arg.Any<CancellationToken>()).Returns(_ => throw ServiceBusFakes.Transient(), _ => Task.CompletedTask);

        await Assert.ThrowsAsync<ServiceBusException>(() => queue.CompleteAsync(received));
        await queue.CompleteAsync(received);

        await _fakes.Receiver.Received(2).CompleteMessageAsync(sdk, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_receive_loop_outlives_a_transient_failure_and_hands_the_next_message_to_its_handler()
    {
        var sdk = ServiceBusFakes.Received();
        _fakes.Receiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>())
            .Returns(_ => throw ServiceBusFakes.Transient(), _ => Task.FromResult<IReadOnlyList<ServiceBusReceivedMessage>>([sdk]),
                call => UntilStoppedAsync(call.ArgAt<CancellationToken>(2)));
        var queue = _fakes.Queue();
        var handled = new TaskCompletionSource<ReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumers = new CompetingConsumers(queue, async (message, ct) =>
        {
            await queue.CompleteAsync(message, ct);
            handled.TrySetResult(message);
        }, time: _fakes.Time);
        using var stop = new CancellationTokenSource();
        var running = consumers.RunAsync(stop.Token);

        // The loop backs off on the fake clock: move it on until the loop has come back for the next message.
        while (!handled.Task.IsCompleted)
        {
            _fakes.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(handled.Task, Task.Delay(20)); // a wait for the loop's next step, not for time to pass
        }

        Assert.Equal(7, (await handled.Task).SequenceNumber);
        await _fakes.Receiver.Received(1).CompleteMessageAsync(sdk, Arg.Any<CancellationToken>());
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    // A receive on an empty queue that lasts until the loop stops.
    private static async Task<IReadOnlyList<ServiceBusReceivedMessage>> UntilStoppedAsync(CancellationToken stopping)
    {
        await Task.Delay(Timeout.Infinite, stopping);
        return [];
    }
}
