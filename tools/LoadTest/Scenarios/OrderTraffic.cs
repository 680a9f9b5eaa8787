using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Requests;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>Orders sent open loop at the offered rate, each with its own Idempotency-Key, and how the API answered.</summary>
internal sealed class OrderTraffic
{
    private long _accepted;
    private long _failed;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Failed requests by status code or exception type; "503" is the admission control shedding.</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>How long an accepted order's request took.</summary>
    public LatencySamples RequestLatency { get; } = new();

    /// <summary>Sends for <paramref name="duration"/>; every accepted order goes into <paramref name="book"/>.</summary>
    public static async Task<OrderTraffic> SendAsync(
        HttpClient http, OrderMix mix, OrderBook book, string keyPrefix, TimeSpan duration, LoadTestOptions options, CancellationToken cancellationToken)
    {
        var traffic = new OrderTraffic();
        await Pacer.RunAsync(options.OrderRate, duration, options.OrderConcurrency, async sequence =>
        {
            var sentAt = DateTimeOffset.UtcNow;
            book.Sending(sequence, sentAt);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonBody.Content(mix.NextBody()) };
                request.Headers.Add("Idempotency-Key", $"{keyPrefix}-{sequence}");
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted
                    && await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.OrderAccepted, cancellationToken) is { } answer)
                {
                    traffic.RequestLatency.Add(clock.Elapsed);
                    book.Placed(answer.OrderId, sentAt);
                    Interlocked.Increment(ref traffic._accepted);
                }
                else
                {
                    traffic.Fail(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                }
            }
            catch (HttpRequestException ex)
            {
                traffic.Fail(ex.GetType().Name);
            }
            finally
            {
                book.Sent(sequence);
            }
        }, cancellationToken);
        return traffic;
    }

    private void Fail(string why)
    {
        Interlocked.Increment(ref _failed);
        Failures.AddOrUpdate(why, 1, (_, n) => n + 1);
    }
}
