namespace EdaAspire.WorkQueue.Sqlite;

/// <summary>
/// The statements of <see cref="SqliteWorkQueue"/>. Every one names <c>$queue</c> and may use <c>$now</c> (Unix ms)
/// and <c>$maxDeliveryCount</c>; each is atomic on its own, so no statement depends on a read made by another.
/// </summary>
internal static class QueueSql
{
    /// <summary>The delivery identified by <c>$sequenceNumber</c> and <c>$lockToken</c> still holds an unexpired lock.</summary>
    public const string HoldsLock =
        "sequence_number = $sequenceNumber AND queue = $queue AND lock_token = $lockToken AND locked_until > $now";

    public const string ForgetExpiredMessageIds =
        "DELETE FROM queue_message_ids WHERE queue = $queue AND sent_at <= $cutoff;";

    /// <summary>Changes one row when the id is new within the window, none when it is a duplicate.</summary>
    public const string RememberMessageId =
        "INSERT OR IGNORE INTO queue_message_ids (queue, message_id, sent_at) VALUES ($queue, $messageId, $now);";

    public const string Insert = """
        INSERT INTO queue_messages (queue, message_id, body, correlation_id, subject, content_type, application_properties,
                                    scheduled_enqueue_time, enqueued_time, visible_at)
        VALUES ($queue, $messageId, $body, $correlationId, $subject, $contentType, $applicationProperties,
                $scheduledEnqueueTime, $enqueuedTime, $enqueuedTime);
        """;


    /// <summary>
    /// Locks the oldest visible messages for a new delivery: a fresh random token per row, the delivery count up by one.
    /// Messages that used up their deliveries are left for <see cref="DeadLetterExhausted"/>.
    /// </summary>
    public const string Claim = $"""
        UPDATE queue_messages
        SET delivery_count = delivery_count + 1,
            lock_token = lower(hex(randomblob(16))),
            locked_until = $lockedUntil,
            visible_at = $lockedUntil
        WHERE sequence_number IN (
            SELECT sequence_number FROM queue_messages
            WHERE queue = $queue AND dead_lettered = $deadLettered AND visible_at <= $now
              AND ($deadLettered = 1 OR delivery_count < $maxDeliveryCount)
            ORDER BY visible_at, sequence_number
            LIMIT $limit)
        RETURNING {MessageRows.Columns};
        """;

    private const string Exhausted =
        "queue = $queue AND dead_lettered = 0 AND lock_token IS NOT NULL AND visible_at <= $now AND delivery_count >= $maxDeliveryCount";

    public const string AnyExhausted = $"SELECT EXISTS (SELECT 1 FROM queue_messages WHERE {Exhausted});";

    /// <summary>What a receive's poll asks: anything to dead-letter, anything visible in the sub-queue <c>$deadLettered</c>.</summary>
    public const string Probe = $"""
        SELECT EXISTS (SELECT 1 FROM queue_messages WHERE {Exhausted}),
               EXISTS (SELECT 1 FROM queue_messages WHERE queue = $queue AND dead_lettered = $deadLettered AND visible_at <= $now);
        """;

    public const string DeadLetterExhausted = $"""
        UPDATE queue_messages
        SET dead_lettered = 1, dead_letter_reason = $reason, dead_letter_description = $description,
            lock_token = NULL, locked_until = NULL, visible_at = $now
        WHERE {Exhausted};
        """;

    public const string Complete = $"DELETE FROM queue_messages WHERE {HoldsLock};";

    public const string Abandon =
        $"UPDATE queue_messages SET lock_token = NULL, locked_until = NULL, visible_at = $visibleAt WHERE {HoldsLock};";

    public const string DeadLetter = $"""
        UPDATE queue_messages
        SET dead_lettered = 1, dead_letter_reason = $reason, dead_letter_description = $description,
            lock_token = NULL, locked_until = NULL, visible_at = $now
        WHERE {HoldsLock};
        """;

    public const string RenewLock =
        $"UPDATE queue_messages SET locked_until = $lockedUntil, visible_at = $lockedUntil WHERE {HoldsLock};";

    public const string PeekDeadLetters = $"""
        SELECT {MessageRows.Columns} FROM queue_messages
        WHERE queue = $queue AND dead_lettered = 1 AND sequence_number >= $fromSequenceNumber
        ORDER BY sequence_number
        LIMIT $limit;
        """;

    // A resubmission is a new message (new sequence number, delivery count 0) copied from the dead letter; it does
    // not pass through duplicate detection, whose window still holds the original's id.
    private const string CopyDeadLetter = """
        INSERT INTO queue_messages (queue, message_id, body, correlation_id, subject, content_type, application_properties,
                                    enqueued_time, visible_at)
        SELECT queue, message_id, body, correlation_id, subject, content_type, application_properties, $now, $now
        FROM queue_messages
        """;

    public const string ResubmitDeadLetter =
        $"{CopyDeadLetter} WHERE sequence_number = $sequenceNumber AND queue = $queue AND dead_lettered = 1;";

    public const string ResubmitHeldDeadLetter = $"{CopyDeadLetter} WHERE dead_lettered = 1 AND {HoldsLock};";

    public const string DeleteBySequenceNumber = "DELETE FROM queue_messages WHERE sequence_number = $sequenceNumber AND queue = $queue;";

    public const string PurgeDeadLetters = "DELETE FROM queue_messages WHERE queue = $queue AND dead_lettered = 1;";

    /// <summary>Active excludes scheduled messages not yet due (never delivered, visible later), as Service Bus counts.</summary>
    public const string Counts = """
        SELECT
            COALESCE(SUM(dead_lettered = 0 AND NOT (delivery_count = 0 AND visible_at > $now)), 0),
            COALESCE(SUM(dead_lettered = 0 AND delivery_count = 0 AND visible_at > $now), 0),
            COALESCE(SUM(dead_lettered = 1), 0),
            COALESCE(SUM(dead_lettered = 0 AND lock_token IS NOT NULL AND locked_until > $now), 0)
        FROM queue_messages
        WHERE queue = $queue;
        """;
}
