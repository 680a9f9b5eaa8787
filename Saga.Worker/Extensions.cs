using EdaAspire.Saga.Worker.FaultInjection;
using EdaAspire.Saga.Worker.Fulfillment;
using EdaAspire.Saga.Worker.Orchestration;
using EdaAspire.Saga.Worker.Outbox;

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
        if (Runs(builder.Configuration, "saga"))
        {
            builder.AddOrderSaga();
        }

        if (Runs(builder.Configuration, "fulfillment"))
        {
            builder.AddFulfillment().AddFaultInjection();
        }

        return builder;
    }

    /// <summary>The probes, and the outbox and overall backlog where this process runs the saga.</summary>
    public static WebApplication MapSagaWorkerEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        if (Runs(app.Configuration, "saga"))
        {
            app.MapOutboxApi();
            app.MapBacklogApi();
        }

        return app;
    }

    private static bool Runs(IConfiguration configuration, string role) =>
        (configuration["Saga:Roles"] ?? "saga,fulfillment").Split(',', StringSplitOptions.TrimEntries).Contains(role, StringComparer.OrdinalIgnoreCase);
}
