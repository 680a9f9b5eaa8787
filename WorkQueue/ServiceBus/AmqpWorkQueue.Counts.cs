namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Queue depths: RabbitMQ's management API; Service Bus has none over AMQP.</summary>
public sealed partial class AmqpWorkQueue
{
    /// <summary>
    /// RabbitMQ: from its management HTTP API (scheduled is always 0, in flight includes prefetched deliveries).
    /// Service Bus reports counts only through its HTTPS management API (ATOM/ARM), not over AMQP, so this connects (an
    /// unreachable namespace throws its connection error) and then throws <see cref="NotSupportedException"/>.
    /// </summary>
    public async Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        if (_management is not null)
        {
            return await _management.GetCountsAsync(Name, cancellationToken);
        }

        await _scope.GetSessionAsync(cancellationToken);
        throw new NotSupportedException(
            $"{_dialect.Broker} reports queue counts only through its HTTPS management API, which this AMQP adapter does not call.");
    }
}
