namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Service Bus's message annotations and dead-letter properties, as they appear on the wire.</summary>
internal static class MessageAnnotationNames
{
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string LockedUntil = "x-opt-locked-until";

    /// <summary>Application properties Service Bus sets on a dead letter (from the Rejected outcome's error info).</summary>
    public const string DeadLetterReason = "DeadLetterReason";
    public const string DeadLetterErrorDescription = "DeadLetterErrorDescription";

    /// <summary>The error condition of a Rejected outcome that dead-letters on Service Bus.</summary>
    public const string DeadLetterCondition = "com.microsoft:dead-letter";

    /// <summary>The message format of a Service Bus batch: one transfer whose Data sections are encoded messages.</summary>
    public const uint BatchMessageFormat = 0x80013700;
}
