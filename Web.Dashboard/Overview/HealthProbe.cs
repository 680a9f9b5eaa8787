using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// The health of each service and dependency, from where it can be seen: services with HTTP answer <c>/health</c>
/// (through service discovery, as Aspire names them); a worker counts as up while its
/// groups keep up (see <see cref="WorkerHealth"/>); Kafka, the read models and the queue are the dashboard's own health checks.
/// </summary>
public sealed class HealthProbe(
    HealthCheckService checks,
    IHttpClientFactory http,
    IOptions<OverviewOptions> options,
    TimeProvider time)
{
    public const string HttpClientName = "health";

    /// <summary>Worker processes of ours, and the consumer groups they commit in.</summary>
    private static readonly (string Service, string[] Groups)[] Workers =
        [
            ("projections", ["projections", "projections-orders"]),
            ("notifications", ["notifications-email", "notifications-sms", "notifications-webhook"]),
            ("saga", ["saga"]),
        ];

    /// <param name="recent">The lag now and in the samples before, newest last: how the workers are judged.</param>
    public async Task<IReadOnlyList<HealthEntry>> CheckAsync(bool outboxAnswered, IReadOnlyList<IReadOnlyList<GroupLag>> recent, CancellationToken cancellationToken)
    {
        var entries = new List<HealthEntry> { new("dashboard", "service", HealthState.Healthy, "serving this page") };
        var services = options.Value.HttpServices.Select(name => HttpServiceAsync(name, cancellationToken)).ToList();
        var own = checks.CheckHealthAsync(r => !r.Tags.Contains("live"), cancellationToken);

        entries.AddRange(await Task.WhenAll(services));
        entries.AddRange(Workers.Select(w => WorkerHealth.Of(w.Service, w.Groups, recent)));
        entries.AddRange((await own).Entries.Select(e => new HealthEntry(
            DependencyName(e.Key), "dependency", State(e.Value.Status), e.Value.Description ?? e.Value.Exception?.Message ?? "")));
        entries.Add(outboxAnswered
            ? new HealthEntry("saga outbox", "dependency", HealthState.Healthy, "/api/outbox answered")
            : new HealthEntry("saga outbox", "dependency", HealthState.Unknown, "saga not referenced or not answering"));
        return entries;
    }

    private async Task<HealthEntry> HttpServiceAsync(string name, CancellationToken cancellationToken)
    {
        // Its own source for the call timeout: CancelAfter on a linked source would run on the system clock.
        using var callTimeout = new CancellationTokenSource(options.Value.CallTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callTimeout.Token);
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(new Uri($"http://{name}/health"), timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new HealthEntry(name, "service", response.IsSuccessStatusCode ? State(body) : HealthState.Unhealthy,
                $"/health: {(int)response.StatusCode} {body}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthEntry(name, "service", HealthState.Unhealthy, $"/health did not answer: {ex.Message}");
        }
    }

    private static string DependencyName(string check) => check switch
    {
        var k when k.StartsWith("kafka", StringComparison.Ordinal) => "kafka",
        var q when q.StartsWith("workqueue-", StringComparison.Ordinal) => $"queue {q["workqueue-".Length..]}",
        var other => $"{other} database",
    };

    private static HealthState State(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => HealthState.Healthy,
        HealthStatus.Degraded => HealthState.Degraded,
        _ => HealthState.Unhealthy,
    };

    private static HealthState State(string body) => body.Trim() switch
    {
        "Healthy" => HealthState.Healthy,
        "Degraded" => HealthState.Degraded,
        _ => HealthState.Unhealthy,
    };

}
