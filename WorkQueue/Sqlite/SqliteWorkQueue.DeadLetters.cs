namespace EdaAspire.WorkQueue.Sqlite;

/// <summary>The dead-letter queue: rows of the same table with <c>dead_lettered = 1</c>.</summary>
public sealed partial class SqliteWorkQueue
{
    public async Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var now = NowMilliseconds();
        await DeadLetterExhaustedAsync(connection, now, cancellationToken);
        await using var peek = NewCommand(connection, now, null, QueueSql.PeekDeadLetters);
        peek.Parameters.AddWithValue("$fromSequenceNumber", fromSequenceNumber ?? 0);
        peek.Parameters.AddWithValue("$limit", maxMessages);
        return await MessageRows.ReadAllAsync(peek, withLock: false, cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveDeadLettersAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        ClaimAsync(SubQueue.DeadLetter, maxMessages, maxWait, cancellationToken);

    public async Task<bool> ResubmitDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await DeadLetterExhaustedAsync(connection, NowMilliseconds(), cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var copy = NewCommand(connection, NowMilliseconds(), transaction, QueueSql.ResubmitDeadLetter);
        copy.Parameters.AddWithValue("$sequenceNumber", sequenceNumber);
        if (await copy.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await using var remove = NewCommand(connection, NowMilliseconds(), transaction, QueueSql.DeleteBySequenceNumber);
        remove.Parameters.AddWithValue("$sequenceNumber", sequenceNumber);
        await remove.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task ResubmitDeadLetterAsync(ReceivedMessage deadLetter, CancellationToken cancellationToken = default)
    {
        if (deadLetter?.SubQueue != SubQueue.DeadLetter)
        {
            throw new ArgumentException("Only a message received from the dead-letter queue can be resubmitted.", nameof(deadLetter));
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var copy = HolderCommand(connection, transaction, deadLetter, QueueSql.ResubmitHeldDeadLetter);
        await ExecuteHoldingLockAsync(copy, deadLetter, cancellationToken);
        await using var remove = NewCommand(connection, NowMilliseconds(), transaction, QueueSql.DeleteBySequenceNumber);
        remove.Parameters.AddWithValue("$sequenceNumber", deadLetter.SequenceNumber);
        await remove.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> PurgeDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var now = NowMilliseconds();
        await DeadLetterExhaustedAsync(connection, now, cancellationToken);
        await using var purge = NewCommand(connection, now, null, QueueSql.PurgeDeadLetters);
        return await purge.ExecuteNonQueryAsync(cancellationToken);
    }
}
