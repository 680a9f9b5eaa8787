using System.Collections.Concurrent;
using Amqp;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// The work queue over AMQP 1.0: Azure Service Bus (and its emulator) or RabbitMQ 3.x's AMQP 1.0 plugin. Peek-lock is an
/// unsettled delivery; complete, abandon and dead-letter are the Accepted, Modified/Released and Rejected outcomes.
/// Everything is async (AMQPNetLite completes awaits on its I/O thread, which must never block) and thread-safe.
/// </summary>
public sealed partial class AmqpWorkQueue : IWorkQueue, IAsyncDisposable
{
    /// <summary>The most deliveries a receiver asks for at once: the bound on what sits unseen in this client.</summary>
    internal const int MaxPrefetch = 100;

    private readonly WorkQueueOptions _options;
    private readonly AmqpBrokerDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AmqpConnectionScope _scope;
    private readonly HeldDeliveries _held;
    private readonly RabbitMqManagementApi? _management;
    private readonly CancellationTokenSource _disposing = new();
    private readonly ConcurrentDictionary<Task, bool> _delayedAbandons = new();

    public AmqpWorkQueue(AmqpEndpoint endpoint, WorkQueueOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (endpoint.EntityPath is { } entityPath && !string.Equals(entityPath, options.QueueName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:messaging names the entity '{entityPath}', but the work queue is '{options.QueueName}'.");
        }

        _options = options;
        _dialect = AmqpBrokerDialect.For(endpoint);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<AmqpWorkQueue>();
        _held = new HeldDeliveries(_time);
        ICbsTokenProvider? tokens = endpoint.Credential switch
        {
            SharedAccessKeyCredential key => new SharedAccessSignatureTokenProvider(key, _time),
            EntraIdCredential => new EntraIdTokenProvider(new DefaultAzureCredential()),
            _ => null,
        };
        _scope = new AmqpConnectionScope(endpoint, options.QueueName, _dialect.UsesClaimsBasedSecurity ? tokens : null, _time, _logger);
        _management = endpoint.ManagementEndpoint is { } management && endpoint.Credential is UserPasswordCredential user
            ? new RabbitMqManagementApi(management, user)
            : null;
    }

    public string Name => _options.QueueName;

    public bool SupportsScheduling => _dialect.SupportsScheduling;

    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        // Delayed abandons settle at once; held deliveries go back to the queue for other consumers.
        await _disposing.CancelAsync();
        await Task.WhenAll(_delayedAbandons.Keys);
        foreach (var delivery in _held.TakeAll())
        {
            delivery.Receiver.TrySettle(delivery.Message, new Amqp.Framing.Released());
        }

        await _scope.DisposeAsync();
        _management?.Dispose();
        _disposing.Dispose();
    }

    private string AddressOf(SubQueue subQueue) =>
        subQueue == SubQueue.DeadLetter ? _dialect.DeadLetterAddress(Name) : _dialect.QueueAddress(Name);

    private async Task<QueueSender> SenderAsync(CancellationToken cancellationToken)
    {
        var lease = await _scope.GetSessionAsync(cancellationToken);
        return lease.Link("sender", session =>
            new QueueSender(new SenderLink(session, $"{Name}-sender-{Guid.NewGuid():N}", _dialect.QueueAddress(Name))));
    }

    private async Task<CreditedReceiver> ReceiverAsync(SubQueue subQueue, CancellationToken cancellationToken)
    {
        var lease = await _scope.GetSessionAsync(cancellationToken);
        return lease.Link($"receiver-{subQueue}", session => OpenReceiver(session, subQueue));
    }

    /// <summary>A receiver that is not cached: for browsing dead letters, closed after use.</summary>
    private async Task<CreditedReceiver> TemporaryReceiverAsync(SubQueue subQueue, CancellationToken cancellationToken) =>
        OpenReceiver((await _scope.GetSessionAsync(cancellationToken)).Session, subQueue);

    private CreditedReceiver OpenReceiver(Session session, SubQueue subQueue) =>
        new(new ReceiverLink(session, $"{Name}-{subQueue}-receiver-{Guid.NewGuid():N}", AddressOf(subQueue)), MaxPrefetch);

    private async Task<AmqpRequestLink> ManagementLinkAsync(SubQueue subQueue, CancellationToken cancellationToken)
    {
        var lease = await _scope.GetSessionAsync(cancellationToken);
        var node = AmqpBrokerDialect.ManagementAddress(AddressOf(subQueue));
        return lease.Link(node, session => new AmqpRequestLink(session, node));
    }

    private MessageLockLostException LockLost(ReceivedMessage message) => new(Name, message.SequenceNumber);
}
