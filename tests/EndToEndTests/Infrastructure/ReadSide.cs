using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EdaAspire.ReadModels.Orders;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>
/// An order as the read side answers it (<c>GET /api/orders/{id}</c> on the dashboard), which is eventually consistent:
/// 404 with Retry-After, or an earlier status, until the projection caught up.
/// </summary>
public static class ReadSide
{
    /// <summary>Polls <paramref name="link"/> until the order satisfies <paramref name="done"/>; the limit fails the test with the last answer.</summary>
    public static async Task<OrderSummary> WaitForOrderAsync(HttpClient http, Uri link, Func<OrderSummary, bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var seen = "nothing";
        while (true)
        {
            using (var response = await http.GetAsync(link))
            {
                seen = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<OrderSummary>() is { } order && done(order))
                {
                    return order;
                }
            }

            Assert.True(clock.Elapsed < limit, $"{link} did not show the order as expected within {limit.TotalSeconds} s; last answer {seen}");
            await Task.Delay(250); // polls the read side; the limit fails the test
        }
    }
}
