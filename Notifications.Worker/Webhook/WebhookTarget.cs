namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>One subscriber of the webhook channel (<c>Notifications:Webhook:Targets:{n}</c>).</summary>
public sealed class WebhookTarget
{
    /// <summary>Absolute http(s) URL the notifications are POSTed to.</summary>
    public Uri? Url { get; set; }

    /// <summary>Fat (the whole event, the default) or thin (a link to the order on the read side).</summary>
    public WebhookPayload Payload { get; set; } = WebhookPayload.Fat;
}

/// <summary>
/// Event-carried state or event notification: a fat body spares the receiver a call back but ties it to the
/// event's contract; a thin one carries only what happened and where to read the rest, always current when read.
/// </summary>
public enum WebhookPayload
{
    Fat,
    Thin,
}
