namespace EdaAspire.Notifications.Worker.Email;

/// <summary>What an email says: a subject in ASCII and a plain-text body.</summary>
public sealed record EmailText(string Subject, string Body);
