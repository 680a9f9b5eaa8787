using System.Globalization;
using EdaAspire.Messaging.Envelope;
using EdaAspire.WorkQueue;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// Retries a compensation until it succeeds. Abandoning counts toward the queue's maximum delivery count, so a few
/// failures in a row (a gateway down for seconds) would dead-letter a refund and leave its order compensating until an
/// operator stepped in. Instead each transient failure sends the command again as a new message, due after the backoff,
/// and completes the failed delivery. The copy keeps the command's envelope, whose id decides the answer and the
/// answer's ids; its message id names the attempt, so a copy sent twice (a crash between the send and the completion)
/// is dropped by duplicate detection, and one handled twice publishes the same event twice, which consumers absorb.
/// </summary>
public static class CompensationRetry
{
    /// <summary>The application property counting the attempts before this one; absent on the saga's original.</summary>
    public const string AttemptProperty = "retry-attempt";

    /// <summary>This delivery's attempt: 1 for the original message, n + 1 for the copy of attempt n.</summary>
    public static int AttemptOf(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ApplicationProperties.TryGetValue(AttemptProperty, out var value)
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var before)
            ? before + 1
            : 1;
    }

    /// <summary>The next attempt at <paramref name="failed"/>'s command, invisible until <paramref name="due"/> if given.</summary>
    public static QueueMessage NextAttempt(ReceivedMessage failed, EventEnvelope command, DateTimeOffset? due)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(command);
        var attempt = AttemptOf(failed);
        var messageId = $"{command.Id}#retry-{attempt}";
        return new QueueMessage
        {
            // Ids over the limit (not the saga's) are hashed: the copy needs a stable id, not a readable one.
            MessageId = messageId.Length <= QueueMessage.MaxMessageIdLength ? messageId : DeterministicId.Create(messageId).ToString("N"),
            Body = failed.Body,
            CorrelationId = failed.CorrelationId,
            Subject = failed.Subject,
            ContentType = failed.ContentType,
            ApplicationProperties = new Dictionary<string, string>(failed.ApplicationProperties, StringComparer.Ordinal)
            {
                [AttemptProperty] = attempt.ToString(CultureInfo.InvariantCulture),
            },
            ScheduledEnqueueTime = due,
        };
    }
}
