using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.Ingestion.Api.Admission;
using EdaAspire.Ingestion.Api.Pricing;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Ingestion.Api.Security;
using EdaAspire.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EdaAspire.Ingestion.Api.Orders;

public static class OrdersApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").RequireIngestionClient().WithTags("Orders");
        api.MapPost("/", PlaceOrderAsync)
            .WithName("PlaceOrder")
            .WithSummary("Place an order, exactly once per Idempotency-Key, priced by the server from the catalog")
            .WithDescription("Prices each line from ingestion's copy of the catalog (topic 'catalog'); a unitPrice is optional and, when sent, must be the catalog's (409 otherwise). "
                + "An unknown, inactive or deleted product, or another currency than the product's, is 422 naming the line. "
                + "Produces OrderPlaced to topic 'orders' (key = order id) and answers 202 once Kafka acknowledged it. "
                + "A retry with the same key and body gets the same answer and produces nothing new downstream; the same key with another body gets 422. "
                + "503 + Retry-After while Kafka cannot take the event, or while the order saga is too far behind to finish more orders in time.")
            .AcceptsJsonBody(ContractsJsonContext.Default.PlaceOrderRequest,
                services => services.GetRequiredService<IOptions<OrdersOptions>>().Value.MaxBodyBytes, "an order has at most 100 lines.")
            .AddEndpointFilter<AdmissionFilter>()
            .ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Accepted<OrderAccepted>, ValidationProblem, ProblemHttpResult>> PlaceOrderAsync(
        HttpContext context,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        JsonBody<PlaceOrderRequest> body,
        OrderPlacement placement,
        IOptions<OrdersOptions> options,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var order = body.Value;
        var errors = PlaceOrderValidator.Validate(order, idempotencyKey);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            return await placement.PlaceAsync(order!, idempotencyKey!, cancellationToken) switch
            {
                PlacementResult.Placed placed => Accepted(placed.OrderId, StatusUrl(placed.OrderId, options.Value, configuration)),
                PlacementResult.KeyReused reused => TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused with a different body",
                    detail: $"Key '{idempotencyKey}' already placed order {reused.OrderId} with another body. Use a new key for a new order."),
                PlacementResult.NotPriced { Pricing: PricingResult.Refused refused } => TypedResults.Problem(
                    new HttpValidationProblemDetails(refused.Errors) { Status = refused.Status, Title = refused.Title }),
                PlacementResult.NotPriced { Pricing: PricingResult.CatchingUp catchingUp } => EventLogUnavailable.Problem(context,
                    $"Ingestion's copy of the catalog is still reading topic '{Topics.Catalog}', and '{catchingUp.ProductId}' is not in the part read so far."),
                var other => throw new InvalidOperationException($"Unexpected placement result {other}."),
            };
        }
        catch (KafkaUnavailableException ex)
        {
            return EventLogUnavailable.Problem(context, ex.Message);
        }
    }

    private static Accepted<OrderAccepted> Accepted(Guid orderId, string statusUrl) =>
        TypedResults.Accepted(statusUrl, new OrderAccepted(orderId, statusUrl));

    private static string StatusUrl(Guid orderId, OrdersOptions options, IConfiguration configuration)
    {
        var baseUrl = options.StatusBaseUrl ?? configuration["services:dashboard:http:0"] ?? "";
        return $"{baseUrl.TrimEnd('/')}/api/orders/{orderId}";
    }
}
