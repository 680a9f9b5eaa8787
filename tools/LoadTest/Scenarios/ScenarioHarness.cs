using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Requests;
using EdaAspire.LoadTest.Target;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>
/// What every scenario against the system holds while it runs: the read models to watch, the HTTP client, the memory
/// watch on the system's processes, and the load average before it started.
/// </summary>
public sealed class ScenarioHarness : IAsyncDisposable
{
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(120);
    private readonly string _name;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly MachineLoad _loadBefore = MachineLoad.Now();
    private readonly MemoryWatch _memory;

    private ScenarioHarness(string name, ISystemUnderTest system, LoadTestOptions options, ReadModelWatch readModels)
    {
        _name = name;
        ReadModels = readModels;
        Http = LoadClient.Create(system.IngestionUrl, options.ApiKey);
        _memory = new MemoryWatch(system.Processes);
    }

    public ReadModelWatch ReadModels { get; }

    public HttpClient Http { get; }

    public static async Task<ScenarioHarness> OpenAsync(string name, ISystemUnderTest system, LoadTestOptions options, CancellationToken cancellationToken) =>
        new(name, system, options, await ReadModelWatch.OpenAsync(system.ReadModelsPath, cancellationToken));

    /// <summary>
    /// Sends one click and waits until its session row shows: the consumer groups have formed and the pipeline is
    /// live, so the system's start-up (group joins, first fetches, JIT) is not timed as latency or throughput.
    /// </summary>
    /// <returns>How long the first event took to become visible.</returns>
    public async Task<TimeSpan> WaitForClickstreamAsync(CancellationToken cancellationToken)
    {
        var session = $"lt-warm-{Guid.NewGuid():N}";
        var body = JsonBody.Serialize([new ClickEvent(ClickEventTypes.PageViewed, session, null, null, null, "/warm-up", DateTimeOffset.UtcNow)]);
        var clock = Stopwatch.StartNew();
        using var content = JsonBody.Content(body);
        using var response = await Http.PostAsync("api/clickstream", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        while ((await ReadModels.SessionsInRangeAsync(session, session + "~", cancellationToken)).Count == 0)
        {
            await WaitOrGiveUpAsync(clock, "the warm-up click", cancellationToken);
        }

        return clock.Elapsed;
    }

    /// <summary>Places one order and waits until it is Confirmed or Cancelled: the saga, the workers and the projection are live.</summary>
    /// <returns>How long the first order took.</returns>
    public async Task<TimeSpan> WaitForOrdersAsync(byte[] order, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var since = DateTime.UtcNow.AddSeconds(-2);
        var key = $"lt-warm-{Guid.NewGuid():N}";
        HttpResponseMessage response;
        // 422 or 503 until the catalog connector has published the seed and ingestion's copy holds it.
        while ((response = await PlaceAsync(order, key, cancellationToken)).StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.ServiceUnavailable)
        {
            response.Dispose();
            await WaitOrGiveUpAsync(clock, "the warm-up order priced from the catalog", cancellationToken);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.Accepted
                || await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.OrderAccepted, cancellationToken) is not { } accepted)
            {
                throw new InvalidOperationException($"The warm-up order got {(int)response.StatusCode}.");
            }

            while (!(await ReadModels.FinishedOrdersAsync(since, cancellationToken)).Any(o => o.OrderId == accepted.OrderId))
            {
                await WaitOrGiveUpAsync(clock, "the warm-up order", cancellationToken);
            }
        }

        return clock.Elapsed;
    }

    private async Task<HttpResponseMessage> PlaceAsync(byte[] order, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonBody.Content(order) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Counts the processes' CPU from now on: what came before (a warm-up) is not the scenario's cost.</summary>
    public void RestartCpu() => _memory.RestartCpu();

    public async Task<ScenarioResult> FinishAsync(IReadOnlyList<Metric> metrics, IReadOnlyList<string> notes) =>
        new(_name, _startedAt, _loadBefore, MachineLoad.Now(), metrics, await _memory.StopAsync(), notes);

    private static async Task WaitOrGiveUpAsync(Stopwatch clock, string what, CancellationToken cancellationToken)
    {
        if (clock.Elapsed > WarmUpLimit)
        {
            throw new TimeoutException($"The system did not show {what} within {WarmUpLimit.TotalSeconds} s.");
        }

        await Task.Delay(50, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _memory.DisposeAsync();
        Http.Dispose();
        await ReadModels.DisposeAsync();
    }
}
