using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>/health</c> and <c>/alive</c> for a service without an HTTP server of its own (the workers), on the port
/// <c>HealthChecks:Port</c> names: what a container platform's probes (Azure Container Apps, Kubernetes) and Aspire's
/// <c>WithHttpHealthCheck</c> on an endpoint for that port call. Same checks and answers as a web service's endpoints.
/// </summary>
public sealed class WorkerHealthEndpoints(HealthCheckService checks, IConfiguration configuration, ILogger<WorkerHealthEndpoints> logger)
    : BackgroundService
{
    public const string PortKey = "HealthChecks:Port";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var port = configuration.GetValue<int>(PortKey);
        // "+" is every interface: a probe comes from outside the container. Configurable for a test that must stay on loopback.
        var host = configuration["HealthChecks:Host"] ?? "+";
        using var listener = new HttpListener();
        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/"));
        listener.Start();
        logger.LogInformation("Health endpoints /health and /alive on port {Port}", port);
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                return;
            }

            _ = AnswerAsync(context, stoppingToken);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken stoppingToken)
    {
        var response = context.Response;
        try
        {
            Func<HealthCheckRegistration, bool>? predicate = context.Request.Url?.AbsolutePath switch
            {
                Extensions.HealthEndpointPath => _ => true,
                Extensions.AlivenessEndpointPath => r => r.Tags.Contains("live"),
                _ => null,
            };
            if (predicate is null)
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            var report = await checks.CheckHealthAsync(predicate, stoppingToken);
            // As MapHealthChecks answers: 200 for Healthy and Degraded, 503 for Unhealthy, the status as plain text.
            response.StatusCode = report.Status == HealthStatus.Unhealthy ? (int)HttpStatusCode.ServiceUnavailable : (int)HttpStatusCode.OK;
            response.ContentType = "text/plain";
            response.Headers["Cache-Control"] = "no-store, no-cache";
            var body = Encoding.UTF8.GetBytes(report.Status.ToString());
            await response.OutputStream.WriteAsync(body, stoppingToken);
        }
        catch (Exception ex) when (ex is HttpListenerException or OperationCanceledException or ObjectDisposedException)
        {
            // The prober went away, or the service is stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }
}
