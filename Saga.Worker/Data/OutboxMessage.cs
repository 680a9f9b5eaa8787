namespace EdaAspire.Saga.Worker.Data;

/// <summary>
/// A message the saga decided to send, stored in the same transaction as the state change that caused it,
/// and sent later by the relay. Deleted once the queue or Kafka has it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Deterministic; receivers deduplicate by it, so a second send is harmless.</summary>
    public required string MessageId { get; set; }

    /// <summary>Queue <c>fulfillment</c> or topic <c>orders</c>.</summary>
    public required string Destination { get; set; }

    /// <summary>The CloudEvents type.</summary>
    public required string Type { get; set; }

    /// <summary>The order id: the partition key on Kafka, the correlation id everywhere.</summary>
    public required string OrderId { get; set; }

    public required byte[] Body { get; set; }

    /// <summary>The id of the event whose handling produced this message.</summary>
    public string? CausationId { get; set; }

    /// <summary>The trace the decision was made in, so the send continues it.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
