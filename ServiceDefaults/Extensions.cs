using EdaAspire.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Service defaults as in Aspire's template: OpenTelemetry, health checks, service discovery and
/// resilient HttpClients. Every service calls <see cref="AddServiceDefaults{TBuilder}"/>.
/// </summary>
public static class Extensions
{
    /// <summary>Every ActivitySource and Meter of this app is named under this prefix.</summary>
    public const string TelemetryPrefix = "EdaAspire.*";

    /// <summary>The Service Bus SDK's own spans (send, receive, settle), as the Aspire Service Bus integration adds them.</summary>
    public const string ServiceBusSources = "Azure.Messaging.ServiceBus.*";

    /// <summary>
    /// When set, at most this many new traces a second are recorded in this process (<see cref="TracesPerSecondSampler"/>),
    /// whatever <c>OTEL_TRACES_SAMPLER</c> says; the AppHost sets it for every service.
    /// </summary>
    public const string MaxTracesPerSecondKey = "Tracing:MaxTracesPerSecond";

    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // The Azure SDK emits its ActivitySource spans only behind this (still experimental) switch; the Aspire
        // integration's DisableTracing key leaves them off.
        var serviceBusTracing = !builder.Configuration.GetValue<bool>("Aspire:Azure:Messaging:ServiceBus:DisableTracing");
        if (serviceBusTracing)
        {
            AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix)
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Health probes every few seconds would bury the traces that matter.
                    aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation()
                .AddSource(serviceBusTracing ? [ServiceBusSources] : [])
                .SetTracesPerSecondSampler(builder.Configuration));

        // Export only when a collector is configured (Aspire sets OTEL_EXPORTER_OTLP_ENDPOINT).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    private static TracerProviderBuilder SetTracesPerSecondSampler(this TracerProviderBuilder tracing, IConfiguration configuration) =>
        configuration.GetValue<double?>(MaxTracesPerSecondKey) is > 0 and double rate
            ? tracing.SetSampler(services => new ParentBasedSampler(
                new TracesPerSecondSampler(rate, services.GetService<TimeProvider>() ?? TimeProvider.System)))
            : tracing;

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and <c>/alive</c> (liveness only), for the APIs and the workers alike. The
    /// template maps them in Development only; <c>HealthChecks:Expose=true</c> maps them elsewhere (e.g. behind an
    /// ingress that keeps them internal, or a worker whose only endpoint is its probes).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("HealthChecks:Expose"))
        {
            app.MapHealthChecks(HealthEndpointPath);
            app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        }

        return app;
    }
}
