namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>What a delivery ended as: the values of the outcome tag on the fulfillment metrics and spans.</summary>
public static class FulfillmentOutcomes
{
    /// <summary>The step succeeded; its result is published and the message completed.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The step failed for good (declined, unavailable, failed); that result is published and the message completed.</summary>
    public const string Failed = "failed";

    /// <summary>Abandoned with backoff, to be delivered again.</summary>
    public const string Transient = "transient";

    public const string DeadLettered = "dead_lettered";

    /// <summary>The lock ran out before settling: another delivery handles the message, with the same result.</summary>
    public const string LockLost = "lock_lost";
}
