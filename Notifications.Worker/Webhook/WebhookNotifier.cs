using System.Net.Http.Headers;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Options;

namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>
/// The webhook channel: its own consumer group on <c>orders</c>, POSTing what <see cref="WebhookPolicy"/> forwards to
/// every configured target, in log order, fat or thin as the target asks. The named client retries transient failures (ServiceDefaults gives every
/// client the standard resilience handler); a failure that outlasts those retries fails the batch, which the
/// subscription retries with backoff, holding up this channel only. At-least-once: a resend carries the same
/// <c>Idempotency-Key</c> (the event id) and the same body, for the receiver to deduplicate.
/// </summary>
public sealed class WebhookNotifier(
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    NotificationsTelemetry telemetry,
    ILogger<WebhookNotifier> logger) : IMessageHandler<IOrderEvent>
{
    public const string Channel = "webhook";
    public const string HttpClientName = Extensions.ConsumerGroupPrefix + Channel;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task HandleAsync(MessageBatch<IOrderEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var targets = options.Value.Targets;
        var events = batch.Messages
            .Where(k => WebhookPolicy.Forwards(k.Message))
            .Select(k => new WebhookEvent(k.Consumed.Envelope.Id, Bodies(k.Consumed.Envelope, k.Message, targets)))
            .ToList();
        if (events.Count == 0 || targets.Count == 0)
        {
            return;
        }

        // Receivers in parallel, each in log order; one that fails fails the batch, the others are sent again on the retry.
        var client = httpClients.CreateClient(HttpClientName);
        await Task.WhenAll(targets.Select(target => PostAllAsync(client, target, events, cancellationToken)));
    }

    /// <summary>Each body a target asks for, made once per event whatever the number of targets.</summary>
    private Dictionary<WebhookPayload, byte[]> Bodies(EventEnvelope envelope, IOrderEvent orderEvent, IList<WebhookTarget> targets) =>
        targets.Select(t => t.Payload).Distinct().ToDictionary(payload => payload, payload => payload == WebhookPayload.Thin
            ? CloudEventJson.SerializeThin(envelope, orderEvent, options.Value.StatusUrl(orderEvent.OrderId))
            : CloudEventJson.Serialize(envelope, orderEvent));

    private async Task PostAllAsync(HttpClient client, WebhookTarget target, List<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var url = target.Url!;
        foreach (var webhookEvent in events)
        {
            try
            {
                await PostAsync(client, url, webhookEvent.Id, webhookEvent.Bodies[target.Payload], cancellationToken);
                telemetry.Record(Channel, NotificationsTelemetry.Delivered);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Webhook {Url} did not take event {Id}: {Problem}", url, webhookEvent.Id, ex.Message);
                telemetry.Record(Channel, NotificationsTelemetry.Failed);
                throw;
            }
        }
    }

    private static async Task PostAsync(HttpClient client, Uri url, string id, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body)
            {
                Headers = { ContentType = new MediaTypeHeaderValue(CloudEventJson.MediaType) { CharSet = "utf-8" } },
            },
        };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, id);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }

    private sealed record WebhookEvent(string Id, Dictionary<WebhookPayload, byte[]> Bodies);
}
