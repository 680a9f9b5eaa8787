using System.Net.Http.Json;
using System.Text.Json;
using EdaAspire.Contracts;
using Microsoft.Extensions.Options;

namespace EdaAspire.Ingestion.Api.Admission;

/// <summary>
/// Asks the saga for its backlog (<c>GET http://saga/api/backlog</c>, resolved by service discovery) every
/// <see cref="AdmissionOptions.PollInterval"/>, so an order never waits on the saga: it reads the last answer.
/// </summary>
public sealed class SagaBacklogPoller(
    AdmissionControl control,
    IHttpClientFactory http,
    IOptions<AdmissionOptions> options,
    TimeProvider time,
    ILogger<SagaBacklogPoller> logger) : BackgroundService
{
    public const string ServiceName = "saga";
    public const string HttpClientName = "saga-backlog";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                await AskAsync(stoppingToken);
                // Decided here too, so a change is logged and the gauge moves while no orders come in.
                control.Status();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task AskAsync(CancellationToken cancellationToken)
    {
        // Its own source on this clock: CancelAfter on a linked source would run on the system clock.
        using var callTimeout = new CancellationTokenSource(options.Value.CallTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callTimeout.Token);
        try
        {
            var backlog = await http.CreateClient(HttpClientName)
                .GetFromJsonAsync(new Uri($"http://{ServiceName}/api/backlog"), ContractsJsonContext.Default.SagaBacklog, timeout.Token);
            if (backlog is null)
            {
                control.Unanswered("an empty answer");
                return;
            }

            control.Answered(backlog);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException
                                   && !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Asking the order saga for its backlog failed");
            control.Unanswered(ex is OperationCanceledException ? $"no answer within {options.Value.CallTimeout.TotalSeconds:0.#} s" : ex.Message);
        }
    }
}
