using Azure.Messaging.ServiceBus;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>The dead-letter sub-queue for the dashboard: peek, resubmit (a copy to the queue), purge.</summary>
public sealed partial class ServiceBusWorkQueue
{
    // Resubmitting by sequence number receives dead letters until it meets that one; this bounds the search.
    private const int SearchLimit = 5_000;
    private const int SearchBatch = 100;
    private static readonly TimeSpan SearchWait = TimeSpan.FromSeconds(1);

    /// <summary>The SDK's peek from a sequence number (0: from the start); nothing is locked.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var peeked = await DeadLetterReceiver.PeekMessagesAsync(maxMessages, fromSequenceNumber ?? 0, cancellationToken);
        return peeked.Select(message => ServiceBusMessages.FromSdk(message, SubQueue.DeadLetter, locked: false)).ToList();
    }

    /// <summary>Service Bus receives no message by sequence number: dead letters are locked until it comes, the rest abandoned.</summary>
    public async Task<bool> ResubmitDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken = default)
    {
        var receiver = DeadLetterReceiver;
        if (await receiver.PeekMessagesAsync(1, sequenceNumber, cancellationToken) is not [{ } peeked] || peeked.SequenceNumber != sequenceNumber)
        {
            return false;
        }

        var passedOver = new List<ServiceBusReceivedMessage>();
        try
        {
            while (passedOver.Count < SearchLimit && await receiver.ReceiveMessagesAsync(SearchBatch, SearchWait, cancellationToken) is { Count: > 0 } batch)
            {
                passedOver.AddRange(batch);
                if (passedOver.Find(m => m.SequenceNumber == sequenceNumber) is { } wanted)
                {
                    passedOver.Remove(wanted);
                    await ResubmitAsync(receiver, wanted, cancellationToken);
                    return true;
                }
            }

            return false;
        }
        finally
        {
            foreach (var other in passedOver)
            {
                await receiver.AbandonMessageAsync(other, cancellationToken: CancellationToken.None);
            }
        }
    }

    public Task ResubmitDeadLetterAsync(ReceivedMessage deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return deadLetter.SubQueue != SubQueue.DeadLetter
            ? throw new ArgumentException($"Message {deadLetter.SequenceNumber} of queue '{Name}' is not a dead letter.", nameof(deadLetter))
            : SettleAsync(deadLetter, held => ResubmitAsync(held.Receiver, held.Message, cancellationToken));
    }

    /// <summary>Receive-and-delete until none come (the SDK's batch purge is not public in this version); held ones stay.</summary>
    public async Task<int> PurgeDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await using var deleting = _client.CreateReceiver(Name, new ServiceBusReceiverOptions
        {
            ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete,
            SubQueue = Azure.Messaging.ServiceBus.SubQueue.DeadLetter,
        });
        var purged = 0;
        while (await deleting.ReceiveMessagesAsync(SearchBatch, SearchWait, cancellationToken) is { Count: > 0 } batch)
        {
            purged += batch.Count;
        }

        return purged;
    }

    /// <summary>The copy first, then the dead letter goes: a failure in between leaves both, never neither.</summary>
    private async Task ResubmitAsync(ServiceBusReceiver receiver, ServiceBusReceivedMessage deadLetter, CancellationToken cancellationToken)
    {
        await Sender.SendMessageAsync(ServiceBusMessages.Copy(ServiceBusMessages.FromSdk(deadLetter, SubQueue.DeadLetter, locked: false), 0), cancellationToken);
        await receiver.CompleteMessageAsync(deadLetter, cancellationToken);
    }
}
