using System.Text.RegularExpressions;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Notifications.Worker.Email;

/// <summary>
/// One email, identified by the event that caused it: its Message-ID and its file name derive from the event id, and
/// its Date is the event's time, so a redelivered event produces the very same email.
/// </summary>
public sealed partial record EmailMessage(string EventId, string From, string To, DateTimeOffset Date, string Subject, string Body)
{
    public const string MessageIdDomain = "notifications.shop.example";

    public string MessageId => $"<{Token}@{MessageIdDomain}>";

    public string FileName => $"{Token}.eml";

    /// <summary>
    /// The event id where it is safe in a file name and a Message-ID (ids are GUIDs here); anything else is replaced by a
    /// name-based UUID of it, still one per event.
    /// </summary>
    private string Token => SafeToken().IsMatch(EventId) ? EventId : DeterministicId.Create($"email:{EventId}").ToString();

    public static EmailMessage For(EventEnvelope envelope, string from, string to, EmailText text)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(text);
        return new EmailMessage(envelope.Id, from, to, envelope.Time, text.Subject, text.Body);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex SafeToken();
}
