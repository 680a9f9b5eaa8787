using Amqp.Framing;
using Amqp.Types;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>The AMQP outcome each settlement sends, per broker.</summary>
internal static class DeliveryOutcomes
{
    public static Outcome Complete() => new Accepted();

    /// <summary>
    /// Modified(delivery-failed) makes Service Bus count the delivery and unlock the message; RabbitMQ 3.x refuses Modified
    /// (it ends the session), so there abandon is Released, which its quorum queue counts toward the delivery limit.
    /// </summary>
    public static Outcome Abandon(AmqpBrokerDialect dialect) =>
        dialect.AbandonWithRelease ? new Released() : new Modified { DeliveryFailed = true };

    /// <summary>
    /// Rejected with Service Bus's dead-letter condition; reason and description travel as error info and come back as the
    /// dead letter's application properties. RabbitMQ dead-letters a Rejected message by the queue's policy and drops the info.
    /// </summary>
    public static Outcome DeadLetter(string reason, string? description) => new Rejected
    {
        Error = new Error(new Symbol(MessageAnnotationNames.DeadLetterCondition))
        {
            Description = description ?? reason,
            Info = new Fields
            {
                [new Symbol(MessageAnnotationNames.DeadLetterReason)] = reason,
                [new Symbol(MessageAnnotationNames.DeadLetterErrorDescription)] = description ?? "",
            },
        },
    };
}
