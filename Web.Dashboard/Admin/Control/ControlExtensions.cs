using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Web.Dashboard.Admin.Control;

public static class ControlExtensions
{
    /// <summary>Operator commands on topic <c>control</c>: sending them, and following what is in force.</summary>
    public static IHostApplicationBuilder AddControl(this IHostApplicationBuilder builder)
    {
        builder.AddKafkaPublisher();
        builder.Services.AddSingleton<ControlState>();
        builder.Services.AddScoped<ControlCommands>();
        builder.Services.AddSingleton<RebuildProgressQuery>();
        return builder.AddBroadcastSubscription<ControlStateHandler>(Topics.Control);
    }
}
