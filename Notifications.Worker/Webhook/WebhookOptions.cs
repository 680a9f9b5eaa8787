namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>The webhook channel (section <c>Notifications:Webhook</c>, which also takes the subscription's batch settings).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Notifications:Webhook";

    /// <summary>Each is sent every event <see cref="WebhookPolicy"/> forwards. None: the channel consumes and sends nothing.</summary>
    public IList<WebhookTarget> Targets { get; } = [];

    /// <summary>
    /// The read side a thin notification links to, as the ingestion API's 202 does: <c>{StatusBaseUrl}/api/orders/{id}</c>
    /// (Web.Dashboard's order status). Defaults to the dashboard's service-discovery address; deployed, set it to the
    /// address receivers can reach.
    /// </summary>
    public string? StatusBaseUrl { get; set; }

    /// <summary>Where a thin notification about <paramref name="orderId"/> points.</summary>
    public Uri StatusUrl(Guid orderId) => new($"{StatusBaseUrl?.TrimEnd('/')}/api/orders/{orderId}", UriKind.Absolute);
}
