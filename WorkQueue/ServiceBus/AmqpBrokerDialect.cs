namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Where Service Bus and RabbitMQ differ on the wire, in one place: addresses, authentication, the abandon outcome and
/// what the broker adds to a message. Everything else in the adapter is plain AMQP 1.0.
/// </summary>
internal sealed record AmqpBrokerDialect(AmqpBroker Broker, bool AbandonWithRelease)
{
    public static AmqpBrokerDialect For(AmqpEndpoint endpoint) => new(endpoint.Broker, endpoint.AbandonWithRelease);

    public bool IsServiceBus => Broker == AmqpBroker.ServiceBus;

    /// <summary>Service Bus takes the queue's name; RabbitMQ 3.x addresses a pre-declared queue as /amq/queue/&lt;name&gt;.</summary>
    public string QueueAddress(string queue) => IsServiceBus ? queue : $"/amq/queue/{queue}";

    /// <summary>Service Bus's dead-letter sub-queue; on RabbitMQ the quorum queue &lt;name&gt;.dlq the queue dead-letters to.</summary>
    public string DeadLetterAddress(string queue) => IsServiceBus ? $"{queue}/$DeadLetterQueue" : $"/amq/queue/{RabbitMqDeadLetterQueue(queue)}";

    public static string RabbitMqDeadLetterQueue(string queue) => $"{queue}.dlq";

    /// <summary>Service Bus's request/response node of an entity (renew-lock, peek-message).</summary>
    public static string ManagementAddress(string entityAddress) => $"{entityAddress}/$management";

    /// <summary>The CBS audience of a queue; a token for it also covers its dead-letter queue and management node.</summary>
    public static string Audience(string host, string queue) => $"sb://{host}/{queue}";

    /// <summary>Service Bus authorises links with CBS tokens; RabbitMQ with SASL PLAIN at connection open.</summary>
    public bool UsesClaimsBasedSecurity => IsServiceBus;

    /// <summary>Service Bus schedules by the x-opt-scheduled-enqueue-time annotation; RabbitMQ has no such feature.</summary>
    public bool SupportsScheduling => IsServiceBus;

    /// <summary>
    /// Service Bus stamps x-opt-sequence-number and x-opt-enqueued-time itself; on RabbitMQ the adapter stamps the same
    /// annotations on send (RabbitMQ keeps message annotations), so receiving reads one format.
    /// </summary>
    public bool AdapterStampsSequenceNumbers => !IsServiceBus;

    /// <summary>Service Bus's delivery tag is the lock token (a GUID) that renew-lock takes; RabbitMQ's is a link-local counter.</summary>
    public bool DeliveryTagIsLockToken => IsServiceBus;

    /// <summary>
    /// Service Bus's lock lives on the broker (renewed by renew-lock); RabbitMQ holds an unsettled delivery as long as the link
    /// lives, so the adapter keeps the lock itself and releases the delivery when it runs out.
    /// </summary>
    public bool AdapterExpiresLocks => !IsServiceBus;

    /// <summary>
    /// Service Bus drops a second message id within its duplicate-detection window, so a resubmitted copy gets a new id;
    /// RabbitMQ has no duplicate detection and keeps the id.
    /// </summary>
    public bool ResubmitKeepsMessageId => !IsServiceBus;
}
