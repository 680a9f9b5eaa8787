namespace EdaAspire.Notifications.Worker.Sms;

/// <summary>A text message, identified by the event that caused it.</summary>
public sealed record SmsMessage(string EventId, string To, string Text);
