namespace EdaAspire.WorkQueue;

/// <summary>Dead-letter reasons the queue itself sets, spelled as Service Bus spells them.</summary>
public static class DeadLetterReasons
{
    /// <summary>The message was delivered the maximum number of times and never completed.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    public static string MaxDeliveryCountExceededDescription(int maxDeliveryCount) =>
        $"Message could not be consumed after {maxDeliveryCount} delivery attempts.";
}
