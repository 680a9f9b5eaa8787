using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// Asks a service of ours for what only it knows (<c>GET http://name/path</c>, found through service discovery as
/// <c>services:name:http:0</c>): its data is its own. Each call is bounded by the overview's call timeout.
/// </summary>
public sealed class ServiceAnswers(IHttpClientFactory http, IConfiguration configuration, IOptions<OverviewOptions> options, TimeProvider time)
{
    /// <returns>The answer, or null when that service is not referenced.</returns>
    /// <exception cref="HttpRequestException">The service did not answer (the sample shows nothing from it then).</exception>
    public async Task<T?> AskAsync<T>(string service, string path, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(configuration[$"services:{service}:http:0"]))
        {
            return null;
        }

        // Its own source on the sampler's clock, as HealthProbe does.
        using var callTimeout = new CancellationTokenSource(options.Value.CallTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callTimeout.Token);
        return await http.CreateClient(HealthProbe.HttpClientName).GetFromJsonAsync(new Uri($"http://{service}{path}"), answer, timeout.Token);
    }
}
