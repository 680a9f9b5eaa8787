using Microsoft.AspNetCore.Http.HttpResults;

namespace EdaAspire.Ingestion.Api;

/// <summary>The 503 every write endpoint answers while Kafka cannot take events: retryable, with Retry-After.</summary>
public static class EventLogUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult Problem(HttpContext context, string reason)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Event log unavailable",
            detail: $"{reason} Retry after {RetryAfterSeconds} seconds.");
    }
}
