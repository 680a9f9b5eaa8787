using EdaAspire.ChangeCapture.Worker.ChangeRecord;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdaAspire.ChangeCapture.Worker;

public static class Extensions
{
    public static IHostApplicationBuilder AddChangeCapture(this IHostApplicationBuilder builder)
    {
        builder.AddKafkaPublisher();
        // The catalog's database, read (and its connector checkpoint written), never migrated: Catalog.Api owns the schema.
        builder.AddSqlDbContext<CaptureDbContext>(CaptureDbContext.ConnectionName);
        builder.Services.AddOptions<ChangeCaptureOptions>().BindConfiguration(ChangeCaptureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IChangeRecord>(sp => ChangeRecords.For(sp.GetRequiredService<CaptureDbContext>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddScoped<CapturePosition>();
        builder.Services.AddSingleton<CaptureProgress>();
        builder.Services.AddHostedService<ChangeCaptureConnector>();
        return builder;
    }
}
