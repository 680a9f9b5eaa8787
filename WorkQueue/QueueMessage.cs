namespace EdaAspire.WorkQueue;

/// <summary>A message to send to a work queue; the fields Service Bus carries, under its names.</summary>
public record QueueMessage
{
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

    /// <summary>The producer's id; duplicate detection drops a second message with the same id within its window.</summary>
    public required string MessageId { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    public string? CorrelationId { get; init; }

    public string? Subject { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Carries the CloudEvents attributes and <c>traceparent</c>/<c>tracestate</c>.</summary>
    public IReadOnlyDictionary<string, string> ApplicationProperties { get; init; } = NoProperties;

    /// <summary>When set, the message stays invisible (and counts as scheduled) until this time.</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }

    /// <summary>Service Bus limits a message id to 128 characters; every adapter rejects what it would reject.</summary>
    public const int MaxMessageIdLength = 128;

    /// <summary>Validates a batch before any of it is sent, so an invalid message sends none.</summary>
    public static void ValidateAll(IReadOnlyCollection<QueueMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            message.Validate();
        }
    }

    /// <summary>Throws when a broker would refuse the message, so every adapter refuses the same messages.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(MessageId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MessageId.Length, MaxMessageIdLength, nameof(MessageId));
        ArgumentNullException.ThrowIfNull(ApplicationProperties);
    }
}
