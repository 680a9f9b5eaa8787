namespace EdaAspire.Ingestion.Api;

/// <summary>
/// Refuses a body that does not declare itself JSON with 415, before anything reads it: a form post or a text
/// upload is a client bug to report, not a body to guess at.
/// </summary>
internal static class JsonMediaType
{
    public static RouteHandlerBuilder RequireJsonBody(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(static (context, next) => context.HttpContext.Request.HasJsonContentType()
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the body as application/json; got '{context.HttpContext.Request.ContentType}'.")));
}
