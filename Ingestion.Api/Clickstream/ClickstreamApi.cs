using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using EdaAspire.Ingestion.Api.Security;
using EdaAspire.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EdaAspire.Ingestion.Api.Clickstream;

public static class ClickstreamApi
{
    public static IEndpointRouteBuilder MapClickstreamApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/clickstream").RequireIngestionClient().WithTags("Clickstream");
        api.MapPost("/", PostBatchAsync)
            .WithName("PostClickstreamBatch")
            .WithSummary("Ingest a batch of 1 to 1,000 clickstream events")
            .WithDescription("Validates the whole batch, produces every event to Kafka keyed by sessionId and answers once the broker acknowledged all of them.")
            .AcceptsJsonBody(ContractsJsonContext.Default.ClickstreamBatch,
                services => services.GetRequiredService<IOptions<ClickstreamOptions>>().Value.MaxBodyBytes, "send fewer events per request.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Accepted<ClickstreamAccepted>, ValidationProblem, ProblemHttpResult>> PostBatchAsync(
        HttpContext context,
        JsonBody<ClickstreamBatch> body,
        EventPublisher publisher,
        TimeProvider clock,
        IOptions<ClickstreamOptions> options,
        CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var batch = body.Value;
        var errors = ClickstreamBatchValidator.Validate(batch, clock.GetUtcNow(), limits.MaxFutureSkew);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var events = batch!.Events!.Select(click => ToOutgoing(click!)).ToList();
        try
        {
            await publisher.PublishAsync(Topics.Clickstream, events, cancellationToken);
        }
        catch (KafkaUnavailableException ex)
        {
            return EventLogUnavailable.Problem(context, ex.Message);
        }

        return TypedResults.Accepted((string?)null, new ClickstreamAccepted(events.Count));
    }

    private static OutgoingEvent ToOutgoing(ClickEvent click) => new(click.SessionId, ClickEnvelopes.Wrap(click));
}
