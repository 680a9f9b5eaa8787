using Amqp;
using Amqp.Framing;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Inspecting and repairing the dead-letter queue. Service Bus peeks with its peek-message operation; RabbitMQ has no
/// peek, so the adapter browses: it receives the dead letters on a temporary link and releases them again.
/// </summary>
public sealed partial class AmqpWorkQueue
{
    /// <summary>How long browsing waits for the first dead letter, then for each further one.</summary>
    private static readonly TimeSpan BrowseFirstWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan BrowseIdleWait = TimeSpan.FromMilliseconds(200);

    /// <summary>Browsing stops after this many dead letters (a dead-letter queue that large wants a tool, not a page).</summary>
    internal const int BrowseLimit = 10_000;

    public async Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        if (_dialect.IsServiceBus)
        {
            var management = await ManagementLinkAsync(SubQueue.DeadLetter, cancellationToken);
            var response = await management.RequestAsync(ManagementRequests.PeekMessages(fromSequenceNumber ?? 0, maxMessages), cancellationToken);
            return ManagementRequests.PeekedMessages(response).Select(Peeked).ToList();
        }

        // Browsed dead letters go back on dispose (Released).
        await using var browse = await BrowseDeadLettersAsync(stopAt: null, cancellationToken);
        var from = fromSequenceNumber ?? long.MinValue;
        return browse.Deliveries.Select(Peeked).Where(m => m.SequenceNumber >= from).OrderBy(m => m.SequenceNumber).Take(maxMessages).ToList();
    }

    public async Task<bool> ResubmitDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken = default)
    {
        bool IsWanted(Message delivery) => Peeked(delivery).SequenceNumber == sequenceNumber;
        await using var browse = await BrowseDeadLettersAsync(IsWanted, cancellationToken);
        if (browse.Deliveries.FirstOrDefault(IsWanted) is not { } found)
        {
            return false;
        }

        // The copy first, then the dead letter goes: a crash in between leaves both (at-least-once), never neither.
        await SendAsync(ResubmittedCopy(Peeked(found)), cancellationToken);
        browse.Settle(found, new Accepted());
        return true;
    }

    public async Task ResubmitDeadLetterAsync(ReceivedMessage deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (deadLetter.SubQueue != SubQueue.DeadLetter)
        {
            throw new ArgumentException($"Message {deadLetter.SequenceNumber} of queue '{Name}' is not a dead letter.", nameof(deadLetter));
        }

        if (!_held.TryGet(RequireLockToken(deadLetter), out _))
        {
            throw LockLost(deadLetter);
        }

        // The copy first, then the dead letter goes: a crash in between leaves both (at-least-once), never neither.
        await SendAsync(ResubmittedCopy(deadLetter), cancellationToken);
        await CompleteAsync(deadLetter, cancellationToken);
    }

    /// <summary>Receives and completes dead letters until none come (Service Bus has no purge operation over AMQP either).</summary>
    public async Task<int> PurgeDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var purged = 0;
        while (true)
        {
            await using var browse = await BrowseDeadLettersAsync(stopAt: null, cancellationToken);
            foreach (var delivery in browse.Deliveries)
            {
                browse.Settle(delivery, new Accepted());
            }

            purged += browse.Deliveries.Count;
            if (browse.Deliveries.Count < BrowseLimit)
            {
                return purged;
            }
        }
    }

    /// <summary>A fresh message with the dead letter's content; on Service Bus a new id, so duplicate detection keeps it.</summary>
    private QueueMessage ResubmittedCopy(ReceivedMessage deadLetter) => new()
    {
        MessageId = _dialect.ResubmitKeepsMessageId ? deadLetter.MessageId : Guid.NewGuid().ToString("N"),
        Body = deadLetter.Body,
        CorrelationId = deadLetter.CorrelationId,
        Subject = deadLetter.Subject,
        ContentType = deadLetter.ContentType,
        ApplicationProperties = deadLetter.ApplicationProperties,
    };

    private static ReceivedMessage Peeked(Message message) =>
        AmqpMessageReader.Read(message, SubQueue.DeadLetter, lockToken: null, lockedUntil: null, peeked: true);

    /// <summary>
    /// Receives the dead letters on a temporary link, up to <see cref="BrowseLimit"/> or until <paramref name="stopAt"/>
    /// matches one. Dead letters another receiver holds are not seen.
    /// </summary>
    private async Task<DeadLetterBrowse> BrowseDeadLettersAsync(Func<Message, bool>? stopAt, CancellationToken cancellationToken)
    {
        var receiver = await TemporaryReceiverAsync(SubQueue.DeadLetter, cancellationToken);
        var browse = new DeadLetterBrowse(receiver);
        try
        {
            while (browse.Deliveries.Count < BrowseLimit)
            {
                var wait = browse.Deliveries.Count == 0 ? BrowseFirstWait : BrowseIdleWait;
                var batch = await receiver.ReceiveAsync(Math.Min(MaxPrefetch, BrowseLimit - browse.Deliveries.Count), wait, cancellationToken);
                browse.Add(batch);
                if (batch.Count == 0 || (stopAt is not null && batch.Any(stopAt)))
                {
                    break;
                }
            }

            return browse;
        }
        catch
        {
            await browse.DisposeAsync();
            throw;
        }
    }

    /// <summary>Dead letters received for browsing; those not settled otherwise go back (Released) when it is disposed.</summary>
    private sealed class DeadLetterBrowse(CreditedReceiver receiver) : IAsyncDisposable
    {
        private readonly List<Message> _deliveries = [];
        private readonly HashSet<Message> _settled = [];

        public List<Message> Deliveries => _deliveries;

        public void Add(IEnumerable<Message> deliveries) => _deliveries.AddRange(deliveries);

        public void Settle(Message delivery, Outcome outcome)
        {
            if (_settled.Add(delivery))
            {
                receiver.TrySettle(delivery, outcome);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var delivery in _deliveries)
            {
                Settle(delivery, new Released());
            }

            await receiver.CloseAsync();
        }
    }
}
