using System.Globalization;
using Microsoft.Extensions.Options;

namespace EdaAspire.Ingestion.Api.Admission;

/// <summary>
/// Refuses an order with 503 + <c>Retry-After</c> while the saga is too far behind: before anything is validated,
/// stored or produced, so a refused order leaves no idempotency record and its retry with the same key starts afresh.
/// </summary>
public sealed class AdmissionFilter(AdmissionControl control, IOptions<AdmissionOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var status = control.Status();
        if (!status.Shedding)
        {
            return await next(context);
        }

        control.Refused(status);
        var seconds = (int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Not taking new orders now",
            detail: $"{status.Detail} Retry after {seconds} seconds.",
            extensions: new Dictionary<string, object?> { ["reason"] = status.Reason });
    }
}
