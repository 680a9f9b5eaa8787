using System.Net;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>Waits for a service's <c>/health</c> to answer 200, e.g. Ingestion.Api once its copy of the catalog caught up.</summary>
public static class Readiness
{
    public static async Task WaitAsync(HttpClient client, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        var last = "";
        while (true)
        {
            using (var response = await client.GetAsync("/health"))
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health did not answer 200 in time; last answer: {last}");
            await Task.Delay(100); // polls readiness; the deadline fails the test
        }
    }
}
