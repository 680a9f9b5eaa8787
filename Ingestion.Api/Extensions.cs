using EdaAspire.Ingestion.Api.Clickstream;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Ingestion.Api;

public static class Extensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.AddKafkaPublisher();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<ClickstreamOptions>(builder.Configuration.GetSection("Ingestion:Clickstream"));
        return builder;
    }
}
