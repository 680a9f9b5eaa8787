using System.Net.Http.Headers;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Options;

namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>
/// The webhook channel: its own consumer group on <c>orders</c>, POSTing what <see cref="WebhookPolicy"/> forwards to
/// every configured URL, in log order. The named client retries transient failures (ServiceDefaults gives every
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
        var events = batch.Messages
            .Where(k => WebhookPolicy.Forwards(k.Message))
            .Select(k => new WebhookEvent(k.Consumed.Envelope.Id, CloudEventJson.Serialize(k.Consumed.Envelope, k.Message)))
            .ToList();
        if (events.Count == 0 || options.Value.Urls.Count == 0)
        {
            return;
        }

        // Receivers in parallel, each in log order; one that fails fails the batch, the others are sent again on the retry.
        var client = httpClients.CreateClient(HttpClientName);
        await Task.WhenAll(options.Value.Urls.Select(url => PostAllAsync(client, url, events, cancellationToken)));
    }

    private async Task PostAllAsync(HttpClient client, Uri url, List<WebhookEvent> events, CancellationToken cancellationToken)
    {
        foreach (var webhookEvent in events)
        {
            try
            {
                await PostAsync(client, url, webhookEvent, cancellationToken);
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

    private static async Task PostAsync(HttpClient client, Uri url, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(webhookEvent.Body)
            {
                Headers = { ContentType = new MediaTypeHeaderValue(CloudEventJson.MediaType) { CharSet = "utf-8" } },
            },
        };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, webhookEvent.Id);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }

    private sealed record WebhookEvent(string Id, byte[] Body);
}
