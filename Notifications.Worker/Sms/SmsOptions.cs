namespace EdaAspire.Notifications.Worker.Sms;

/// <summary>The SMS channel (section <c>Notifications:Sms</c>, which also takes the subscription's batch settings).</summary>
public sealed class SmsOptions
{
    public const string SectionName = "Notifications:Sms";

    /// <summary>
    /// The simulated SMS gateway: one line per message sent, <c>eventId&lt;TAB&gt;to&lt;TAB&gt;text</c>. A relative path
    /// resolves against the working directory.
    /// </summary>
    public string OutboxFile { get; set; } = Path.Combine(".data", "notifications", "sms", "outbox.txt");

    /// <summary>The channel's memory of who placed which order (see <see cref="OrderCustomers"/>).</summary>
    public string CustomersFile { get; set; } = Path.Combine(".data", "notifications", "sms", "customers.txt");
}
