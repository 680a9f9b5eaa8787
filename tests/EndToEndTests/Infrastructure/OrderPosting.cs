using System.Net;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>
/// Posts an order until it is accepted, under one Idempotency-Key, so every retry is safe. 503 is the API's "retry later";
/// anything else fails the test (the system's start waited until ingestion's copy holds every seeded product).
/// </summary>
public static class OrderPosting
{
    public static async Task<HttpResponseMessage> PostUntilAcceptedAsync(HttpClient http, Uri orders, Func<HttpContent> body, string key)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, orders) { Content = body() };
            request.Headers.Add("Idempotency-Key", key);
            var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return response;
            }

            var answer = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            response.Dispose();
            Assert.True(answer.StartsWith("503", StringComparison.Ordinal), answer);
            Assert.True(DateTime.UtcNow < deadline, $"Order {key} not accepted within a minute; last answer {answer}");
            await Task.Delay(500); // the client's back-off before its retry
        }
    }
}
