using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace EdaAspire.WorkQueue.Sqlite;

/// <summary>Maps between <c>queue_messages</c> rows and the port's message records.</summary>
internal static class MessageRows
{
    /// <summary>The columns every SELECT and RETURNING lists, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = """
        sequence_number, message_id, body, correlation_id, subject, content_type, application_properties,
        scheduled_enqueue_time, enqueued_time, delivery_count, dead_lettered, lock_token, locked_until,
        dead_letter_reason, dead_letter_description
        """;

    public static async Task<List<ReceivedMessage>> ReadAllAsync(SqliteCommand command, bool withLock, CancellationToken cancellationToken)
    {
        var messages = new List<ReceivedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(Read(reader, withLock));
        }

        // RETURNING yields rows in no defined order; hand them out oldest first.
        messages.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
        return messages;
    }

    /// <summary>Binds the fields a producer sets, for an INSERT of <paramref name="message"/>.</summary>
    public static void BindSentFields(SqliteCommand command, QueueMessage message)
    {
        command.Parameters.AddWithValue("$messageId", message.MessageId);
        command.Parameters.AddWithValue("$body", message.Body.ToArray());
        command.Parameters.AddWithValue("$correlationId", (object?)message.CorrelationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$subject", (object?)message.Subject ?? DBNull.Value);
        command.Parameters.AddWithValue("$contentType", (object?)message.ContentType ?? DBNull.Value);
        command.Parameters.AddWithValue("$applicationProperties", JsonSerializer.Serialize(message.ApplicationProperties));
        command.Parameters.AddWithValue("$scheduledEnqueueTime", message.ScheduledEnqueueTime is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
    }

    private static ReceivedMessage Read(SqliteDataReader row, bool withLock) => new()
    {
        SequenceNumber = row.GetInt64(0),
        MessageId = row.GetString(1),
        Body = (byte[])row.GetValue(2),
        CorrelationId = NullableString(row, 3),
        Subject = NullableString(row, 4),
        ContentType = NullableString(row, 5),
        ApplicationProperties = JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString(6)) ?? [],
        ScheduledEnqueueTime = NullableTime(row, 7),
        EnqueuedTime = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(8)),
        DeliveryCount = row.GetInt32(9),
        SubQueue = row.GetInt64(10) == 0 ? SubQueue.Active : SubQueue.DeadLetter,
        LockToken = withLock ? NullableString(row, 11) : null,
        LockedUntil = withLock ? NullableTime(row, 12) : null,
        DeadLetterReason = NullableString(row, 13),
        DeadLetterDescription = NullableString(row, 14),
    };

    private static string? NullableString(SqliteDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static DateTimeOffset? NullableTime(SqliteDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));
}
