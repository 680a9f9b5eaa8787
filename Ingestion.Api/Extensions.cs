using EdaAspire.Ingestion.Api.Admission;
using EdaAspire.Ingestion.Api.Clickstream;
using EdaAspire.Ingestion.Api.Data;
using EdaAspire.Ingestion.Api.Orders;
using EdaAspire.Ingestion.Api.Pricing;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Ingestion.Api.Security;
using EdaAspire.Persistence;

namespace EdaAspire.Ingestion.Api;

public static class Extensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.AddIngestionSecurity();
        builder.AddKafkaPublisher();
        builder.AddOwnedSqlDbContext<IngestionDbContext>(IngestionDbContext.ConnectionName);
        builder.Services.AddScoped<OrderPlacement>();
        builder.AddPricing();
        builder.AddAdmissionControl();
        builder.Services.AddOptions<OrdersOptions>().BindConfiguration("Ingestion:Orders").ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ClickstreamOptions>().BindConfiguration("Ingestion:Clickstream").ValidateOnStart();
        return builder;
    }
}
