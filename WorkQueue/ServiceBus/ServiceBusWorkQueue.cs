using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// The work queue on Azure Service Bus through its SDK: peek-lock receivers on the queue and its dead-letter sub-queue,
/// the SDK's settlement, counts through <see cref="ServiceBusAdministrationClient"/> where management is allowed. The SDK
/// retries transient failures (RetryOptions); what still fails surfaces as <see cref="ServiceBusException"/>.
/// </summary>
/// <param name="administration">Null where the namespace allows no management (the emulator): counts are unsupported.</param>
public sealed partial class ServiceBusWorkQueue(
    ServiceBusClient client,
    ServiceBusAdministrationClient? administration,
    WorkQueueOptions options,
    TimeProvider? timeProvider = null,
    ILogger<ServiceBusWorkQueue>? logger = null) : IWorkQueue, IAsyncDisposable
{
    public const string MessagingSystem = "servicebus";

    // The SDK wants a positive wait: a zero-wait receive asks the broker once for what it has at hand.
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(100);

    private readonly ServiceBusClient _client = client ?? throw new ArgumentNullException(nameof(client));
    private readonly WorkQueueOptions _options = Validated(options);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<ServiceBusWorkQueue>.Instance;
    private ServiceBusSender? _sender;
    private ServiceBusReceiver? _receiver;
    private ServiceBusReceiver? _deadLetterReceiver;

    // Deliveries this instance holds a lock on, by lock token: the SDK settles its own message objects only.
    private readonly ConcurrentDictionary<string, HeldMessage> _held = new();

    public string Name => _options.QueueName;

    public bool SupportsScheduling => true;

    private ServiceBusSender Sender => _sender ??= _client.CreateSender(Name);

    private ServiceBusReceiver DeadLetterReceiver => _deadLetterReceiver ??= _client.CreateReceiver(Name, ReceiverOptions(SubQueue.DeadLetter));

    public Task SendAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync([message], cancellationToken);
    }

    /// <summary>One SDK send: a single batch, all or none.</summary>
    public async Task SendAsync(IReadOnlyCollection<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        QueueMessage.ValidateAll(messages);
        if (messages.Count > 0)
        {
            await Sender.SendMessagesAsync(messages.Select(ServiceBusMessages.ToSdk), cancellationToken);
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        ReceiveFromAsync(_receiver ??= _client.CreateReceiver(Name, ReceiverOptions(SubQueue.Active)), SubQueue.Active, maxMessages, maxWait, cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveDeadLettersAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        ReceiveFromAsync(DeadLetterReceiver, SubQueue.DeadLetter, maxMessages, maxWait, cancellationToken);

    /// <summary>From the queue's runtime properties; in flight is not reported.</summary>
    public async Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        if (administration is null)
        {
            throw new NotSupportedException($"Queue '{Name}': this Service Bus (the emulator) has no management operations, so no counts.");
        }

        try
        {
            QueueRuntimeProperties counts = await administration.GetQueueRuntimePropertiesAsync(Name, cancellationToken);
            return new QueueCounts(counts.ActiveMessageCount, counts.ScheduledMessageCount, counts.DeadLetterMessageCount, InFlight: null);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new NotSupportedException($"Queue '{Name}': the credential may not read the namespace's management data, so no counts.", ex);
        }
    }

    /// <summary>Proves the namespace answers and the queue exists.</summary>
    public async Task PeekOneAsync(string queueName, CancellationToken cancellationToken)
    {
        await using var receiver = _client.CreateReceiver(queueName);
        await receiver.PeekMessageAsync(cancellationToken: cancellationToken);
    }

    // Held locks lapse and their messages come back to other consumers.
    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task<IReadOnlyList<ReceivedMessage>> ReceiveFromAsync(
        ServiceBusReceiver receiver, SubQueue subQueue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        ForgetExpiredLocks();
        var received = await receiver.ReceiveMessagesAsync(maxMessages, maxWait < ShortestWait ? ShortestWait : maxWait, cancellationToken);
        foreach (var message in received)
        {
            _held[message.LockToken] = new HeldMessage(message, receiver);
        }

        return received.Select(message => ServiceBusMessages.FromSdk(message, subQueue, locked: true)).ToList();
    }

    private ServiceBusReceiverOptions ReceiverOptions(SubQueue subQueue) => new()
    {
        PrefetchCount = _options.PrefetchCount,
        SubQueue = subQueue == SubQueue.DeadLetter ? Azure.Messaging.ServiceBus.SubQueue.DeadLetter : Azure.Messaging.ServiceBus.SubQueue.None,
    };

    private static WorkQueueOptions Validated(WorkQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <summary>A received message and the receiver that settles it.</summary>
    private sealed record HeldMessage(ServiceBusReceivedMessage Message, ServiceBusReceiver Receiver);
}
