using EdaAspire.Contracts;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// A message the saga decided to send: an outbox row. <see cref="MessageId"/> is deterministic,
/// so a replayed decision yields the same id and the receiver drops the copy.
/// </summary>
public abstract record OutgoingMessage(string MessageId)
{
    /// <summary>The queue or topic the relay sends it to.</summary>
    public abstract string Destination { get; }
}

/// <summary>A command for queue <c>fulfillment</c>.</summary>
public sealed record SendCommand(IFulfillmentCommand Command, string MessageId) : OutgoingMessage(MessageId)
{
    public override string Destination => FulfillmentCommandCatalog.QueueName;
}

/// <summary>An outcome event for topic <c>orders</c>.</summary>
public sealed record PublishEvent(IOrderEvent Event, string MessageId) : OutgoingMessage(MessageId)
{
    public override string Destination => Topics.Orders;
}
