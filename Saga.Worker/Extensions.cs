using EdaAspire.Saga.Worker.FaultInjection;
using EdaAspire.Saga.Worker.Fulfillment;
using EdaAspire.Saga.Worker.Orchestration;

namespace EdaAspire.Saga.Worker;

public static class Extensions
{
    /// <summary>The saga's own consumer group on <c>orders</c>: its copy of every order event.</summary>
    public const string ConsumerGroup = "saga";

    /// <summary>
    /// What this process runs: the order saga and the fulfillment workers by default. <c>Saga:Roles</c>
    /// ("saga", "fulfillment", or "saga,fulfillment") splits them into separate processes, each scaled on its own.
    /// </summary>
    public static IHostApplicationBuilder AddSagaWorker(this IHostApplicationBuilder builder)
    {
        var roles = (builder.Configuration["Saga:Roles"] ?? "saga,fulfillment").Split(',', StringSplitOptions.TrimEntries);
        if (roles.Contains("saga", StringComparer.OrdinalIgnoreCase))
        {
            builder.AddOrderSaga();
        }

        if (roles.Contains("fulfillment", StringComparer.OrdinalIgnoreCase))
        {
            builder.AddFulfillment().AddFaultInjection();
        }

        return builder;
    }
}
