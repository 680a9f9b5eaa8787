using EdaAspire.Messaging.Kafka;
using EdaAspire.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Persistence.Checkpoints;

public static class TransactionalSubscriptionExtensions
{
    /// <summary>
    /// A consumer-group member feeding <typeparamref name="THandler"/> the messages <paramref name="read"/> understands,
    /// each batch in one transaction of <typeparamref name="TContext"/> with its checkpoints (<see cref="ITransactionalHandler{T}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddTransactionalSubscription<THandler, TContext, T>(
        this IHostApplicationBuilder builder, string name, string section, Action<KafkaSubscriptionOptions> defaults, MessageReader<T> read)
        where THandler : class, ITransactionalHandler<T>
        where TContext : DbContext
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<THandler>();
        builder.Services.TryAddScoped<SqlCheckpoints<TContext>>();
        return builder.AddKafkaSubscription(
            name,
            section,
            defaults,
            sp => new TransactionalHandlerStep<THandler, TContext, T>(
                sp.GetRequiredService<THandler>(), sp.GetRequiredService<SqlCheckpoints<TContext>>(), read,
                sp.KafkaSubscriptionOptions(name).GroupId, sp.GetRequiredService<MessagingTelemetry>(), sp.GetRequiredService<ILogger<THandler>>()),
            sp => sp.GetRequiredService<SqlCheckpoints<TContext>>());
    }
}
