namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>The webhook channel (section <c>Notifications:Webhook</c>, which also takes the subscription's batch settings).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Notifications:Webhook";

    /// <summary>Absolute http(s) URLs, each sent every event <see cref="WebhookPolicy"/> forwards. None: the channel consumes and sends nothing.</summary>
    public IList<Uri> Urls { get; } = [];
}
