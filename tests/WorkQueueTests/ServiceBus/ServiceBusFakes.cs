using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.ServiceBus;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using SdkSubQueue = Azure.Messaging.ServiceBus.SubQueue;

namespace EdaAspire.WorkQueueTests.ServiceBus;

/// <summary>
/// The SDK's mockable clients as substitutes (their members are virtual for this), wired into a
/// <see cref="ServiceBusWorkQueue"/>; received messages come from the SDK's <see cref="ServiceBusModelFactory"/>.
/// </summary>
internal sealed class ServiceBusFakes
{
    public const string QueueName = "fulfillment";

    public ServiceBusClient Client { get; } = Substitute.For<ServiceBusClient>();

    public ServiceBusSender Sender { get; } = Substitute.For<ServiceBusSender>();

    public ServiceBusReceiver Receiver { get; } = Substitute.For<ServiceBusReceiver>();

    public ServiceBusReceiver DeadLetterReceiver { get; } = Substitute.For<ServiceBusReceiver>();

    /// <summary>The receive-and-delete receiver a purge opens on the dead-letter queue.</summary>
    public ServiceBusReceiver DeletingReceiver { get; } = Substitute.For<ServiceBusReceiver>();

    public ServiceBusAdministrationClient Administration { get; } = Substitute.For<ServiceBusAdministrationClient>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public ServiceBusFakes()
    {
        Client.CreateSender(QueueName).Returns(Sender);
        Client.CreateReceiver(QueueName, Arg.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SdkSubQueue.None && o.ReceiveMode == ServiceBusReceiveMode.PeekLock))
            .Returns(Receiver);
        Client.CreateReceiver(QueueName, Arg.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SdkSubQueue.DeadLetter && o.ReceiveMode == ServiceBusReceiveMode.PeekLock))
            .Returns(DeadLetterReceiver);
        Client.CreateReceiver(QueueName, Arg.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SdkSubQueue.DeadLetter && o.ReceiveMode == ServiceBusReceiveMode.ReceiveAndDelete))
            .Returns(DeletingReceiver);
    }

    public ServiceBusWorkQueue Queue(bool withAdministration = true, int maxDeliveryCount = 10) => new(
        Client, withAdministration ? Administration : null, new WorkQueueOptions { QueueName = QueueName, MaxDeliveryCount = maxDeliveryCount }, Time);

    /// <summary>The receiver hands out these messages on its next receive (whatever is asked for).</summary>
    public static void WillReceive(ServiceBusReceiver receiver, params ServiceBusReceivedMessage[] messages) =>
        receiver.ReceiveMessagesAsync(Arg.Any<int>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>()).Returns(messages);

    /// <summary>Sends a message through the adapter's receive so it is held under its lock.</summary>
    public async Task<(ServiceBusReceivedMessage Sdk, ReceivedMessage Port)> ReceiveOneAsync(IWorkQueue queue, ServiceBusReceivedMessage? message = null)
    {
        var sdk = message ?? Received();
        WillReceive(Receiver, sdk);
        return (sdk, Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1))));
    }

    public static ServiceBusReceivedMessage Received(
        string messageId = "cmd-1", long sequenceNumber = 7, int deliveryCount = 1, IDictionary<string, object>? properties = null) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("{\"orderId\":\"o-42\"}"),
            messageId: messageId,
            correlationId: "o-42",
            subject: "shop.fulfillment.reserve.v1",
            contentType: "application/json",
            properties: properties ?? new Dictionary<string, object> { ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
            lockTokenGuid: Guid.NewGuid(),
            deliveryCount: deliveryCount,
            lockedUntil: new DateTimeOffset(2030, 1, 1, 12, 0, 30, TimeSpan.Zero),
            sequenceNumber: sequenceNumber,
            enqueuedTime: new DateTimeOffset(2030, 1, 1, 11, 59, 0, TimeSpan.Zero));

    public static ServiceBusException LockLost() => new("The lock supplied is invalid.", ServiceBusFailureReason.MessageLockLost);

    public static ServiceBusException Transient() =>
        new(isTransient: true, "The connection was lost.", QueueName, ServiceBusFailureReason.ServiceCommunicationProblem, innerException: null);
}
