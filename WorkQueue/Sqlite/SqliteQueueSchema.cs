namespace EdaAspire.WorkQueue.Sqlite;

/// <summary>The tables of the embedded queue; one database file holds any number of queues.</summary>
internal static class SqliteQueueSchema
{
    // Times are Unix milliseconds (UTC). visible_at is the one column receive looks at: the scheduled time, the end
    // of an abandon's retry delay, or the end of the current lock - so an expired lock needs no sweeper to release it.
    // AUTOINCREMENT keeps sequence numbers increasing even after the newest rows were deleted, as Service Bus does.
    public const string Create = """
        PRAGMA journal_mode = WAL;

        CREATE TABLE IF NOT EXISTS queue_messages (
            sequence_number         INTEGER PRIMARY KEY AUTOINCREMENT,
            queue                   TEXT    NOT NULL,
            dead_lettered           INTEGER NOT NULL DEFAULT 0,
            message_id              TEXT    NOT NULL,
            body                    BLOB    NOT NULL,
            correlation_id          TEXT,
            subject                 TEXT,
            content_type            TEXT,
            application_properties  TEXT    NOT NULL,
            scheduled_enqueue_time  INTEGER,
            enqueued_time           INTEGER NOT NULL,
            visible_at              INTEGER NOT NULL,
            delivery_count          INTEGER NOT NULL DEFAULT 0,
            lock_token              TEXT,
            locked_until            INTEGER,
            dead_letter_reason      TEXT,
            dead_letter_description TEXT
        );

        -- What receive claims: the visible messages of one sub-queue, oldest first.
        CREATE INDEX IF NOT EXISTS ix_queue_messages_visible
            ON queue_messages (queue, dead_lettered, visible_at, sequence_number);

        -- Deliveries in flight (few), for finding expired locks that used up the last delivery.
        CREATE INDEX IF NOT EXISTS ix_queue_messages_locked
            ON queue_messages (queue, visible_at) WHERE lock_token IS NOT NULL AND dead_lettered = 0;

        -- Duplicate detection: the ids sent within the window, kept after their messages are completed.
        CREATE TABLE IF NOT EXISTS queue_message_ids (
            queue      TEXT    NOT NULL,
            message_id TEXT    NOT NULL,
            sent_at    INTEGER NOT NULL,
            PRIMARY KEY (queue, message_id)
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS ix_queue_message_ids_sent_at ON queue_message_ids (queue, sent_at);
        """;
}
