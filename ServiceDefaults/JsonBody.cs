using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdaAspire.ServiceDefaults;

/// <summary>
/// A JSON request body, bound by the framework for a handler parameter and read with a hard size cap whether or not
/// the client sent Content-Length. A body that cannot be read becomes a problem that the endpoint filter of
/// <see cref="JsonBodyEndpoints.AcceptsJsonBody"/> answers before the handler runs: 415 not declared JSON (nothing
/// read), 413 too large, 400 naming where the JSON went wrong in field-path form (<c>events[3].timestamp</c>).
/// </summary>
public sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>
{
    private JsonBody(T? value, IResult? problem) => (Value, Problem) = (value, problem);

    /// <summary>The body as parsed: null for a JSON <c>null</c>, which the endpoint's validation reports.</summary>
    public T? Value { get; }

    internal IResult? Problem { get; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Minimal APIs bind a parameter through its type's static BindAsync.")]
    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, System.Reflection.ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.GetEndpoint()?.Metadata.GetMetadata<JsonBodyRules<T>>()
            ?? throw new InvalidOperationException($"The endpoint reads a JsonBody<{typeof(T).Name}> without AcceptsJsonBody.");
        if (!context.Request.HasJsonContentType())
        {
            return Failed(TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the body as application/json; got '{context.Request.ContentType}'."));
        }

        var limit = rules.Limit(context.RequestServices);
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit, rules.Advice);
        }

        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > limit)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return TooLarge(limit, rules.Advice);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return new JsonBody<T>(Deserialize(read.Buffer, rules.TypeInfo), null);
                }
                catch (JsonException ex)
                {
                    return Failed(TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [FieldPath(ex.Path)] = [$"Not valid JSON for this endpoint: {ex.Message}"],
                    }));
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            // Nothing consumed, everything examined: wait for more.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static JsonBody<T> Failed(IResult problem) => new(default, problem);

    private static JsonBody<T> TooLarge(long limit, string advice) => Failed(TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"The body may be at most {limit} bytes; {advice}"));

    private static T? Deserialize(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo)
    {
        var json = new Utf8JsonReader(body);
        return JsonSerializer.Deserialize(ref json, typeInfo);
    }

    private static string FieldPath(string? jsonPath) => jsonPath switch
    {
        null or "$" => "body",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ => jsonPath.TrimStart('$'),
    };
}

/// <summary>How an endpoint reads its <see cref="JsonBody{T}"/>: the contract, the size cap (from its options) and what to advise past it.</summary>
internal sealed record JsonBodyRules<T>(JsonTypeInfo<T> TypeInfo, Func<IServiceProvider, long> Limit, string Advice);

public static class JsonBodyEndpoints
{
    /// <summary>
    /// The endpoint takes a <see cref="JsonBody{T}"/> of this contract, at most <paramref name="limit"/> bytes: one
    /// filter answers a body that could not be read, so handlers see only a parsed one.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJsonBody<T>(
        this RouteHandlerBuilder endpoint, JsonTypeInfo<T> typeInfo, Func<IServiceProvider, long> limit, string advice)
        where T : notnull =>
        endpoint
            .WithMetadata(new JsonBodyRules<T>(typeInfo, limit, advice))
            .AddEndpointFilter(static async (context, next) =>
                context.Arguments.OfType<JsonBody<T>>().FirstOrDefault()?.Problem ?? await next(context))
            .Accepts<T>("application/json")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}
