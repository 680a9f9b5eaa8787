using EdaAspire.Contracts.Fulfillment;
using EdaAspire.WorkQueue.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdaAspire.Web.Dashboard.Overview;

public static class OverviewExtensions
{
    /// <summary>
    /// The overview's sampler and its sources: Kafka offsets, the saga's outbox, ingestion's admission state, the change-data-capture
    /// connector's lag, the fulfillment queue (when
    /// <c>ConnectionStrings:messaging</c> is set) and the health of every service and dependency.
    /// </summary>
    public static IHostApplicationBuilder AddOverview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OverviewOptions>().BindConfiguration(OverviewOptions.SectionName).ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(WorkQueueHostingExtensions.DefaultConnectionName)))
        {
            builder.AddWorkQueue(FulfillmentCommandCatalog.QueueName);
        }

        builder.Services.AddHttpClient(HealthProbe.HttpClientName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new OverviewHistory(sp.GetRequiredService<IOptions<OverviewOptions>>().Value.Capacity));
        builder.Services.AddSingleton<KafkaOffsets>();
        builder.Services.AddSingleton<ServiceAnswers>();
        builder.Services.AddSingleton<SagaOutbox>();
        builder.Services.AddSingleton<HealthProbe>();
        builder.Services.AddSingleton<OverviewSampler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OverviewSampler>());
        return builder;
    }
}
