using System.Globalization;
using EdaAspire.ReadModels;
using EdaAspire.ReadModels.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>
/// An order's status over HTTP, from the read side: status is a projection of the order's events, so it is
/// read where the projections write it (CQRS), not asked of the write side. It is eventually consistent:
/// an order accepted a moment ago may not be here yet (404 with Retry-After).
/// </summary>
public static class OrdersApi
{
    private const string MomentFormat = "an ISO 8601 date and time with offset, such as 2026-11-23T12:00:00Z or 2026-11-23T13:00:00.5+01:00";

    private static readonly string[] MomentFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").WithTags("Orders");
        api.MapGet("/{orderId:guid}", GetStatusAsync).WithName("GetOrderStatus");
        api.MapGet("/{orderId:guid}/events", GetEventsAsync).WithName("GetOrderEvents");
        api.MapGet("/{orderId:guid}/state", GetStateAtAsync).WithName("GetOrderStateAt");
        return app;
    }

    public static async Task<Results<Ok<OrderSummary>, ProblemHttpResult>> GetStatusAsync(
        Guid orderId, HttpContext context, ReadModelsDbContext db, CancellationToken cancellationToken) =>
        await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken) is { } order
            ? TypedResults.Ok(order)
            : NotYetKnown(context, orderId);

    public static async Task<Results<Ok<List<OrderTimelineEntry>>, ProblemHttpResult>> GetEventsAsync(
        Guid orderId, HttpContext context, ReadModelsDbContext db, CancellationToken cancellationToken)
    {
        var events = await Timeline(db, orderId).ToListAsync(cancellationToken);
        return events.Count > 0 ? TypedResults.Ok(events) : NotYetKnown(context, orderId);
    }

    /// <summary>Event sourcing: the order as it stood at <paramref name="at"/>, folded from its events up to then.</summary>
    /// <param name="at">
    /// Read as text rather than bound to a DateTimeOffset, so that a moment missing, given twice, without an offset (the
    /// server's local time is nobody's) or not a date at all gets a 400 saying which, not the framework's bare 400.
    /// </param>
    public static async Task<Results<Ok<OrderSummary>, ValidationProblem, ProblemHttpResult>> GetStateAtAsync(
        Guid orderId, string[] at, HttpContext context, ReadModelsDbContext db, CancellationToken cancellationToken)
    {
        if (at is not [var text] || !TryParseMoment(text, out var moment))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["at"] = [at.Length switch
                {
                    0 => $"Required: {MomentFormat}.",
                    1 => $"Not {MomentFormat}.",
                    var times => $"Given {times} times: give one moment.",
                }],
            });
        }

        var events = await Timeline(db, orderId).ToListAsync(cancellationToken);
        return OrderStatusFold.StateAt(events, moment.UtcDateTime) is { } state
            ? TypedResults.Ok(state)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No state at that moment",
                detail: $"Order {orderId} had no events at or before {moment:O}.");
    }

    private static bool TryParseMoment(string? text, out DateTimeOffset moment) =>
        DateTimeOffset.TryParseExact(text, MomentFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment);

    private static IQueryable<OrderTimelineEntry> Timeline(ReadModelsDbContext db, Guid orderId) =>
        db.OrderTimeline.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Offset);

    private static ProblemHttpResult NotYetKnown(HttpContext context, Guid orderId)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Order not known (yet)",
            detail: $"The read side has no order {orderId}. If it was just accepted, its events may not be projected yet: retry shortly.");
    }
}
