namespace EdaAspire.WorkQueue;

/// <summary>Which part of a queue a message was taken from, as Service Bus names its sub-queues.</summary>
public enum SubQueue
{
    /// <summary>The queue proper: messages waiting for (or held by) a consumer.</summary>
    Active,

    /// <summary>The dead-letter queue: messages set aside for a person or a tool to inspect.</summary>
    DeadLetter,
}
