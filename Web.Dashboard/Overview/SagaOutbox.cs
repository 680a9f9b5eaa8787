using System.Net.Http.Json;
using EdaAspire.Contracts;
using Microsoft.Extensions.Options;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// The saga's outbox backlog, the one number that says whether its relay keeps up, asked of the saga
/// (<c>GET /api/outbox</c>, found through service discovery as <c>services:saga:http:0</c>): its database is its own.
/// </summary>
public sealed class SagaOutbox(IHttpClientFactory http, IConfiguration configuration, IOptions<OverviewOptions> options, TimeProvider time)
{
    public const string ServiceName = "saga";

    /// <returns>The backlog, or null when no saga is referenced.</returns>
    /// <exception cref="HttpRequestException">The saga did not answer (the sample shows no backlog then).</exception>
    public async Task<long?> BacklogAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"services:{ServiceName}:http:0"]))
        {
            return null;
        }

        // Its own source on the sampler's clock, as HealthProbe does.
        using var callTimeout = new CancellationTokenSource(options.Value.CallTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callTimeout.Token);
        var status = await http.CreateClient(HealthProbe.HttpClientName)
            .GetFromJsonAsync(new Uri($"http://{ServiceName}/api/outbox"), ContractsJsonContext.Default.SagaOutboxStatus, timeout.Token);
        return status?.Backlog;
    }
}
