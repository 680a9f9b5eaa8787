using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdaAspire.Ingestion.Api;

/// <summary>Reads a JSON body with a hard size cap, whether or not the client sent Content-Length.</summary>
internal static class RequestBody
{
    public abstract record Outcome<T>;

    public sealed record Parsed<T>(T? Value) : Outcome<T>;

    public sealed record TooLarge<T>(long Limit) : Outcome<T>;

    /// <summary><see cref="Path"/> names where the JSON went wrong, in field-path form (<c>events[3].timestamp</c>).</summary>
    public sealed record Malformed<T>(string Path, string Message) : Outcome<T>;

    public static async Task<Outcome<T>> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return new TooLarge<T>(limit);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.Buffer.Length > limit)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return new TooLarge<T>(limit);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return new Parsed<T>(Deserialize(read.Buffer, typeInfo));
                }
                catch (JsonException ex)
                {
                    return new Malformed<T>(FieldPath(ex.Path), $"Not valid JSON for this endpoint: {ex.Message}");
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

    public static ProblemHttpResult TooLargeProblem(long limit, string advice) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"The body may be at most {limit} bytes; {advice}");

    public static ValidationProblem MalformedProblem(string path, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = [message] });

    private static T? Deserialize<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo)
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
