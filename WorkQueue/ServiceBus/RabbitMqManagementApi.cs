using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// Queue depths from RabbitMQ's management HTTP API (<c>GET /api/queues/%2F/&lt;queue&gt;</c>): AMQP 1.0 has no count query.
/// The numbers are the broker's periodic statistics, so they trail the queue by up to the statistics interval
/// (<c>collect_statistics_interval</c>, and a quorum queue's tick; 5 s by default).
/// </summary>
internal sealed class RabbitMqManagementApi : IDisposable
{
    private readonly HttpClient _http;

    public RabbitMqManagementApi(Uri endpoint, UserPasswordCredential credential)
    {
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.User}:{credential.Password}")));
    }

    /// <summary>Active = ready + unacknowledged (Service Bus counts locked messages as active too); in flight = unacknowledged.</summary>
    public async Task<QueueCounts> GetCountsAsync(string queue, CancellationToken cancellationToken)
    {
        var main = await ReadAsync(queue, cancellationToken);
        var deadLetters = await ReadAsync(AmqpBrokerDialect.RabbitMqDeadLetterQueue(queue), cancellationToken);
        return new QueueCounts(
            Active: main.Messages, Scheduled: 0, DeadLettered: deadLetters.Messages, InFlight: main.Unacknowledged);
    }

    private async Task<(long Messages, long Unacknowledged)> ReadAsync(string queue, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"api/queues/%2F/{Uri.EscapeDataString(queue)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"RabbitMQ has no queue '{queue}': declare it (and its .dlq) before use.");
        }

        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        // A queue's statistics are absent until the broker first emitted them: nothing counted yet.
        return (Number(json.RootElement, "messages"), Number(json.RootElement, "messages_unacknowledged"));
    }

    private static long Number(JsonElement queue, string name) =>
        queue.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    public void Dispose() => _http.Dispose();
}
