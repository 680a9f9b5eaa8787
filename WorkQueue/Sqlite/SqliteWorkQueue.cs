using System.Globalization;
using EdaAspire.ServiceDefaults;
using Microsoft.Data.Sqlite;

namespace EdaAspire.WorkQueue.Sqlite;

/// <summary>
/// The embedded work queue: Service Bus queue semantics on one SQLite file that competing consumers in any number of
/// processes share. Every change is a single atomic statement or a write transaction begun with BEGIN IMMEDIATE, so
/// SQLite's write lock serialises claims; each delivery gets a fresh random lock token that settling must match.
/// </summary>
public sealed partial class SqliteWorkQueue : IWorkQueue
{
    /// <summary>The <c>messaging.system</c> this adapter reports in telemetry.</summary>
    public const string MessagingSystem = "sqlite_queue";

    private readonly SqliteQueueDatabase _database;
    private readonly TimeProvider _time;

    public SqliteWorkQueue(string connectionString, WorkQueueOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _database = new SqliteQueueDatabase(connectionString);
        Options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Name => Options.QueueName;

    public bool SupportsScheduling => true;

    public WorkQueueOptions Options { get; }

    public Task SendAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync([message], cancellationToken);
    }

    public async Task SendAsync(IReadOnlyCollection<QueueMessage> messages, CancellationToken cancellationToken = default)
    {
        QueueMessage.ValidateAll(messages);

        if (messages.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock up front, so the duplicate check and the inserts see one state.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = NowMilliseconds();
        var detectDuplicates = Options.DuplicateDetectionWindow > TimeSpan.Zero;
        if (detectDuplicates)
        {
            await using var forget = NewCommand(connection, now, transaction, QueueSql.ForgetExpiredMessageIds);
            forget.Parameters.AddWithValue("$cutoff", now - (long)Options.DuplicateDetectionWindow.TotalMilliseconds);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var message in messages)
        {
            if (detectDuplicates && !await RememberMessageIdAsync(connection, transaction, now, message.MessageId, cancellationToken))
            {
                continue; // sent within the window: dropped without an error, as Service Bus does
            }

            await using var insert = NewCommand(connection, now, transaction, QueueSql.Insert);
            MessageRows.BindSentFields(insert, message);
            var activeFrom = Math.Max(now, message.ScheduledEnqueueTime?.ToUnixTimeMilliseconds() ?? now);
            insert.Parameters.AddWithValue("$enqueuedTime", activeFrom);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        ClaimAsync(SubQueue.Active, maxMessages, maxWait, cancellationToken);

    public async Task<QueueCounts> GetCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var now = NowMilliseconds();
        await DeadLetterExhaustedAsync(connection, now, cancellationToken);
        await using var command = NewCommand(connection, now, null, QueueSql.Counts);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new QueueCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private async Task<bool> RememberMessageIdAsync(SqliteConnection connection, SqliteTransaction transaction, long now, string messageId, CancellationToken cancellationToken)
    {
        await using var remember = NewCommand(connection, now, transaction, QueueSql.RememberMessageId);
        remember.Parameters.AddWithValue("$messageId", messageId);
        return await remember.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Claims visible messages of a sub-queue, polling until one comes or <paramref name="maxWait"/> passes; the pause
    /// between empty polls doubles from <see cref="WorkQueueOptions.ReceivePollInterval"/> to its maximum.
    /// </summary>
    private async Task<IReadOnlyList<ReceivedMessage>> ClaimAsync(SubQueue subQueue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        var started = _time.GetTimestamp();
        await using var connection = await _database.OpenAsync(cancellationToken);

        // Prepared once and run on every poll: an idle poll is a single read, which under WAL neither takes nor
        // waits for the write lock. Only when there is something to do does a write follow.
        await using var probe = NewCommand(connection, 0, null, QueueSql.Probe);
        probe.Parameters.AddWithValue("$deadLettered", subQueue == SubQueue.DeadLetter ? 1 : 0);
        for (var emptyPolls = 1; ; emptyPolls++)
        {
            var now = NowMilliseconds();
            probe.Parameters["$now"].Value = now;
            var (anyExhausted, anyVisible) = await ProbeAsync(probe, cancellationToken);
            if (anyExhausted)
            {
                await SweepExhaustedAsync(connection, now, cancellationToken);
            }

            var claimed = anyExhausted || anyVisible ? await ClaimVisibleAsync(connection, subQueue, maxMessages, now, cancellationToken) : [];
            var remaining = maxWait - _time.GetElapsedTime(started);
            if (claimed.Count > 0 || remaining <= TimeSpan.Zero)
            {
                return claimed;
            }

            var pause = ExponentialBackoff.Delay(emptyPolls, Options.ReceivePollInterval, Options.MaxReceivePollInterval);
            await Task.Delay(remaining < pause ? remaining : pause, _time, cancellationToken);
        }
    }

    private static async Task<(bool AnyExhausted, bool AnyVisible)> ProbeAsync(SqliteCommand probe, CancellationToken cancellationToken)
    {
        await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    private async Task<List<ReceivedMessage>> ClaimVisibleAsync(SqliteConnection connection, SubQueue subQueue, int maxMessages, long now, CancellationToken cancellationToken)
    {
        // One UPDATE … RETURNING selects and locks in a single write: two consumers can never claim the same row.
        await using var claim = NewCommand(connection, now, null, QueueSql.Claim);
        claim.Parameters.AddWithValue("$deadLettered", subQueue == SubQueue.DeadLetter ? 1 : 0);
        claim.Parameters.AddWithValue("$lockedUntil", now + LockMilliseconds);
        claim.Parameters.AddWithValue("$limit", maxMessages);
        return await MessageRows.ReadAllAsync(claim, withLock: true, cancellationToken);
    }

    /// <summary>
    /// Moves messages whose last allowed delivery's lock expired to the dead-letter queue. Runs (as a read, mostly)
    /// before anything reads the queue's state, so that state is current without a background sweeper in any process.
    /// </summary>
    private async Task DeadLetterExhaustedAsync(SqliteConnection connection, long now, CancellationToken cancellationToken)
    {
        await using var probe = NewCommand(connection, now, null, QueueSql.AnyExhausted);
        if (await ExistsAsync(probe, cancellationToken))
        {
            await SweepExhaustedAsync(connection, now, cancellationToken);
        }
    }

    private async Task SweepExhaustedAsync(SqliteConnection connection, long now, CancellationToken cancellationToken)
    {
        await using var sweep = NewCommand(connection, now, null, QueueSql.DeadLetterExhausted);
        sweep.Parameters.AddWithValue("$reason", DeadLetterReasons.MaxDeliveryCountExceeded);
        sweep.Parameters.AddWithValue("$description", DeadLetterReasons.MaxDeliveryCountExceededDescription(Options.MaxDeliveryCount));
        await sweep.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(SqliteCommand exists, CancellationToken cancellationToken) =>
        Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;

    /// <summary>A command with the parameters every statement may use: the queue, now and the delivery limit.</summary>
    private SqliteCommand NewCommand(SqliteConnection connection, long now, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$queue", Name);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$maxDeliveryCount", Options.MaxDeliveryCount);
        return command;
    }

    private long LockMilliseconds => (long)Options.LockDuration.TotalMilliseconds;

    private long NowMilliseconds() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
