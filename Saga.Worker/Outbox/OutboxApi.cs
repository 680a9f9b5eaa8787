using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Saga.Worker.Outbox;

/// <summary>
/// The outbox backlog over HTTP: the saga owns its database, so others (the dashboard, an operator) ask the saga
/// instead of reading its tables. Counted on each call, so a relay that cannot reach a broker shows at once.
/// </summary>
public static class OutboxApi
{
    public const string Path = "/api/outbox";

    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetStatusAsync).WithName("GetOutboxStatus");
        return app;
    }

    public static async Task<Ok<SagaOutboxStatus>> GetStatusAsync(SagaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SagaOutboxStatus(await db.Outbox.LongCountAsync(cancellationToken)));
}
