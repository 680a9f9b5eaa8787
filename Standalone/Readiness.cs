namespace EdaAspire.Standalone;

/// <summary>Waits until every service with an HTTP endpoint answers its health check.</summary>
public static class Readiness
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="TimeoutException">A service did not become healthy in time, or exited.</exception>
    public static async Task WaitForHttpServicesAsync(IReadOnlyList<ServiceProcess> services, ConsoleLog log, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        await Task.WhenAll(services.Where(s => s.Definition.HttpUrl is not null).Select(async service =>
        {
            try
            {
                await WaitForAsync(service, http, limit.Token);
                log.Write(service.Definition.Name, "healthy");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{service.Definition.Name} was not healthy within {Limit.TotalSeconds} s.");
            }
        }));
    }

    private static async Task WaitForAsync(ServiceProcess service, HttpClient http, CancellationToken cancellationToken)
    {
        var health = new Uri(service.Definition.HttpUrl!, "health");
        while (!service.HasExited)
        {
            // A busy machine can make one probe slow; that is "not yet", not a failure.
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(ProbeTimeout);
            try
            {
                using var response = await http.GetAsync(health, attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This probe timed out; try again.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"{service.Definition.Name} exited before it became healthy.");
    }
}
