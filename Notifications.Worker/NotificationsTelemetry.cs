using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EdaAspire.Notifications.Worker;

/// <summary>
/// The notification metrics; ServiceDefaults subscribes to every "EdaAspire.*" meter. The meter comes from the host's
/// <see cref="IMeterFactory"/>, so its measurements belong to one host (and a test can listen to just that one).
/// </summary>
public sealed class NotificationsTelemetry
{
    public const string Name = "EdaAspire.Notifications";
    public const string SentInstrument = "eda.notifications.sent";

    public const string ChannelAttribute = "eda.notification.channel";
    public const string OutcomeAttribute = "eda.notification.outcome";

    /// <summary>Written to the pickup folder or outbox, or accepted by a webhook receiver.</summary>
    public const string Delivered = "delivered";

    /// <summary>Already delivered before (a redelivery or a copy in the log): skipped.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The channel never saw the order placed, so it does not know whom to notify.</summary>
    public const string NoRecipient = "no_recipient";

    /// <summary>Not delivered this time; the subscription retries the batch.</summary>
    public const string Failed = "failed";

    private readonly Counter<long> _sent;

    public NotificationsTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _sent = meters.Create(Name).CreateCounter<long>(
            SentInstrument, "{notification}", "Notifications by channel and outcome (delivered, duplicate, no_recipient, failed).");
    }

    public void Record(string channel, string outcome, int count = 1)
    {
        if (count > 0)
        {
            _sent.Add(count, new TagList { { ChannelAttribute, channel }, { OutcomeAttribute, outcome } });
        }
    }
}
