namespace EdaAspire.Notifications.Worker.Email;

/// <summary>The email channel (section <c>Notifications:Email</c>, which also takes the subscription's batch settings).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Notifications:Email";

    /// <summary>Where the .eml files go for a mail server to pick up; a relative path resolves against the working directory.</summary>
    public string PickupDirectory { get; set; } = Path.Combine(".data", "notifications", "email", "pickup");

    /// <summary>The channel's memory of who placed which order (see <see cref="OrderCustomers"/>).</summary>
    public string CustomersFile { get; set; } = Path.Combine(".data", "notifications", "email", "customers.txt");

    /// <summary>The sender, an RFC 5322 mailbox in ASCII.</summary>
    public string From { get; set; } = "EdaAspire Shop <orders@shop.example>";
}
