namespace EdaAspire.Ingestion.Api.Idempotency;

/// <summary>
/// One (customer, Idempotency-Key) pair and what it was used for: the order it created, a fingerprint of
/// the body, and whether its OrderPlaced event is in the log yet. Lets a retry get the same answer and
/// a reused key with a different body get refused.
/// </summary>
public sealed class OrderRequest
{
    public required string CustomerId { get; set; }

    public required string IdempotencyKey { get; set; }

    public Guid OrderId { get; set; }

    /// <summary>SHA-256 of the request as received, hex.</summary>
    public required string RequestHash { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    /// <summary>Set once Kafka acknowledged OrderPlaced; until then a retry publishes it (again).</summary>
    public DateTimeOffset? PublishedAt { get; set; }
}
