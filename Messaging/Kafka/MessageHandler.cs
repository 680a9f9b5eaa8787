using EdaAspire.Messaging.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Handles the messages of a batch it understands; the subscription reads them (skipping and counting unknown types)
/// and owns the batch's position. For effects outside a database: at-least-once, so effects must be idempotent.
/// </summary>
public interface IMessageHandler<T>
    where T : class
{
    Task HandleAsync(MessageBatch<T> batch, CancellationToken cancellationToken);
}

/// <summary>The step of the subscription pipeline that reads a batch's known messages for an <see cref="IMessageHandler{T}"/>.</summary>
public sealed class MessageHandlerStep<THandler, T>(
    THandler handler, MessageReader<T> read, string consumerGroup, MessagingTelemetry telemetry, ILogger logger) : IBatchHandler
    where THandler : IMessageHandler<T>
    where T : class
{
    public Task HandleAsync(string subscription, ConsumedBatch batch, CancellationToken cancellationToken) =>
        handler.HandleAsync(new MessageBatch<T>(subscription, batch, batch.ReadKnown(read, consumerGroup, telemetry, logger)), cancellationToken);
}
