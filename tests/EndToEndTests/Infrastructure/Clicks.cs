using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts.Clickstream;

namespace EdaAspire.EndToEndTests.Infrastructure;

/// <summary>Posts page views the way a site's tracking script would.</summary>
public static class Clicks
{
    public static async Task PostPageViewsAsync(HttpClient ingestion, int count, string session)
    {
        using var response = await SendPageViewsAsync(ingestion, count, session);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The API's answer, whatever it is (the caller disposes it).</summary>
    public static Task<HttpResponseMessage> SendPageViewsAsync(HttpClient ingestion, int count, string session)
    {
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, count)
            .Select(i => (ClickEvent?)new ClickEvent(ClickEventTypes.PageViewed, session, null, null, null, $"/page/{i}", now))
            .ToList();
        return ingestion.PostAsJsonAsync("api/clickstream", new ClickstreamBatch(events));
    }
}
