namespace EdaAspire.WorkQueue;

/// <summary>How many messages a queue holds, as Service Bus's runtime properties report them.</summary>
/// <param name="Active">Receivable or locked by a consumer (Service Bus counts locked messages as active too).</param>
/// <param name="Scheduled">Sent with a future enqueue time that has not come yet.</param>
/// <param name="DeadLettered">In the dead-letter queue.</param>
/// <param name="InFlight">Active messages a consumer holds a valid lock on; <see langword="null"/> where the broker cannot tell.</param>
public sealed record QueueCounts(long Active, long Scheduled, long DeadLettered, long? InFlight);
