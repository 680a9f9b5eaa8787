namespace EdaAspire.Saga.Worker.Inbox;

/// <summary>An event the saga has handled, by id: a second copy (a producer retry, a replay) is recognised and skipped.</summary>
public sealed class InboxMessage
{
    public required string MessageId { get; set; }

    public DateTimeOffset HandledAt { get; set; }
}
