namespace EdaAspire.IntegrationTests.Notifications;

/// <summary>A temporary home for the notification channels' files, and a look at what they wrote.</summary>
public sealed class NotificationFolders : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("eda-notifications-").FullName;

    public string Pickup => Path.Combine(_root, "email", "pickup");

    public string SmsOutbox => Path.Combine(_root, "sms", "outbox.txt");

    public Dictionary<string, string?> Settings() => new()
    {
        ["Notifications:Email:PickupDirectory"] = Pickup,
        ["Notifications:Email:CustomersFile"] = Path.Combine(_root, "email", "customers.txt"),
        ["Notifications:Sms:OutboxFile"] = SmsOutbox,
        ["Notifications:Sms:CustomersFile"] = Path.Combine(_root, "sms", "customers.txt"),
    };

    /// <summary>The .eml files in the pickup directory by name (temporary files are not *.eml).</summary>
    public Dictionary<string, string> Emails() => Directory.Exists(Pickup)
        ? Directory.GetFiles(Pickup, "*.eml").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal)
        : [];

    public string EmailPath(string fileName) => Path.Combine(Pickup, fileName);

    /// <summary>The outbox's complete lines.</summary>
    public List<string> SmsLines()
    {
        if (!File.Exists(SmsOutbox))
        {
            return [];
        }

        using var reader = new StreamReader(new FileStream(SmsOutbox, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var text = reader.ReadToEnd();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
