namespace EdaAspire.ReadModels.Orders;

/// <summary>
/// One event of an order's stream, kept whole: the timeline on the order's page and the input of
/// "the order's state at any moment". Keyed by event id, so a duplicate copy in the log is stored once.
/// </summary>
public sealed class OrderTimelineEntry
{
    public Guid OrderId { get; set; }

    public required string EventId { get; set; }

    /// <summary>The CloudEvents type as it was in the log (an old version stays old here; reading upcasts).</summary>
    public required string Type { get; set; }

    public DateTime OccurredAt { get; set; }

    public required string Payload { get; set; }

    public string? TraceId { get; set; }

    public int Partition { get; set; }

    public long Offset { get; set; }
}
