namespace EdaAspire.WorkQueue;

/// <summary>
/// The lock of a delivery expired or was settled already, so this consumer may no longer settle the message:
/// it was, or will be, delivered again. Handlers must tolerate that (idempotent consumer).
/// </summary>
public sealed class MessageLockLostException(string queueName, long sequenceNumber, Exception? innerException = null)
    : Exception($"The lock on message {sequenceNumber} of queue '{queueName}' was lost; the message was or will be redelivered.", innerException)
{
    public string QueueName { get; } = queueName;

    public long SequenceNumber { get; } = sequenceNumber;
}
