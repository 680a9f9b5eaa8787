using Microsoft.Data.Sqlite;

namespace EdaAspire.WorkQueue.Sqlite;

/// <summary>Settling a delivery: each statement matches the delivery's lock token and an unexpired lock, or throws.</summary>
public sealed partial class SqliteWorkQueue
{
    public async Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var complete = HolderCommand(connection, null, message, QueueSql.Complete);
        await ExecuteHoldingLockAsync(complete, message, cancellationToken);
    }

    public async Task AbandonAsync(ReceivedMessage message, TimeSpan retryDelay = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryDelay, TimeSpan.Zero);
        // The lock token pins this delivery, so its delivery count is the row's.
        if (message.SubQueue == SubQueue.Active && message.DeliveryCount >= Options.MaxDeliveryCount)
        {
            await MoveToDeadLettersAsync(message, DeadLetterReasons.MaxDeliveryCountExceeded,
                DeadLetterReasons.MaxDeliveryCountExceededDescription(Options.MaxDeliveryCount), cancellationToken);
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var abandon = HolderCommand(connection, null, message, QueueSql.Abandon);
        abandon.Parameters.AddWithValue("$visibleAt", NowMilliseconds() + (long)retryDelay.TotalMilliseconds);
        await ExecuteHoldingLockAsync(abandon, message, cancellationToken);
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (message.SubQueue == SubQueue.DeadLetter)
        {
            throw new InvalidOperationException($"Message {message.SequenceNumber} is already in the dead-letter queue of '{Name}'.");
        }

        return MoveToDeadLettersAsync(message, reason, description, cancellationToken);
    }

    public async Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var renew = HolderCommand(connection, null, message, QueueSql.RenewLock);
        var lockedUntil = NowMilliseconds() + LockMilliseconds;
        renew.Parameters.AddWithValue("$lockedUntil", lockedUntil);
        await ExecuteHoldingLockAsync(renew, message, cancellationToken);
        return DateTimeOffset.FromUnixTimeMilliseconds(lockedUntil);
    }

    private async Task MoveToDeadLettersAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var deadLetter = HolderCommand(connection, null, message, QueueSql.DeadLetter);
        deadLetter.Parameters.AddWithValue("$reason", reason);
        deadLetter.Parameters.AddWithValue("$description", (object?)description ?? DBNull.Value);
        await ExecuteHoldingLockAsync(deadLetter, message, cancellationToken);
    }

    /// <summary>A command whose WHERE clause is <see cref="QueueSql.HoldsLock"/> for <paramref name="message"/>'s delivery.</summary>
    private SqliteCommand HolderCommand(SqliteConnection connection, SqliteTransaction? transaction, ReceivedMessage message, string sql)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.LockToken is null)
        {
            throw new InvalidOperationException($"Message {message.SequenceNumber} was peeked, not received: it holds no lock to settle with.");
        }

        var command = NewCommand(connection, NowMilliseconds(), transaction, sql);
        command.Parameters.AddWithValue("$sequenceNumber", message.SequenceNumber);
        command.Parameters.AddWithValue("$lockToken", message.LockToken);
        return command;
    }

    /// <summary>No row changed means another delivery owns the message now, or nobody does: the lock is lost.</summary>
    private async Task ExecuteHoldingLockAsync(SqliteCommand command, ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new MessageLockLostException(Name, message.SequenceNumber);
        }
    }
}
