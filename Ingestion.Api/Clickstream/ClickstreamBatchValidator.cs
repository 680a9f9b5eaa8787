using EdaAspire.Contracts.Clickstream;

namespace EdaAspire.Ingestion.Api.Clickstream;

/// <summary>
/// Checks a clickstream batch before anything of it is produced. Errors are keyed by the field's path
/// (<c>events[3].sessionId</c>), as ASP.NET Core's validation problem details expect.
/// </summary>
public static class ClickstreamBatchValidator
{
    public const int MaxEvents = 1000;
    public const int MaxIdLength = 128;
    public const int MaxUrlLength = 2048;
    public const int MaxQueryLength = 512;

    /// <summary>Stops listing errors past this many fields; the first ones are enough to fix a client.</summary>
    public const int MaxReportedFields = 50;

    public static Dictionary<string, string[]> Validate(ClickstreamBatch? batch, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (batch?.Events is not { } events)
        {
            errors["events"] = [$"Required: an array of 1 to {MaxEvents} events."];
            return errors;
        }

        if (events.Count is 0 or > MaxEvents)
        {
            errors["events"] = [$"Must hold 1 to {MaxEvents} events; it holds {events.Count}."];
            return errors;
        }

        var latest = now + maxFutureSkew;
        for (var i = 0; i < events.Count && errors.Count < MaxReportedFields; i++)
        {
            ValidateEvent(events[i], i, latest, errors);
        }

        return errors;
    }

    /// <remarks>
    /// The hot path of every ingest request: a valid event allocates nothing, so field paths are built only for an error.
    /// </remarks>
    private static void ValidateEvent(ClickEvent? click, int index, DateTimeOffset latest, Dictionary<string, string[]> errors)
    {
        if (click is null)
        {
            errors[$"events[{index}]"] = ["Must be an event object, not null."];
            return;
        }

        if (string.IsNullOrWhiteSpace(click.Type))
        {
            errors[Field(index, "type")] = ["Required."];
        }
        else if (!ClickEventTypes.All.Contains(click.Type))
        {
            errors[Field(index, "type")] = [$"Unknown type '{Truncate(click.Type)}'. Expected one of: {string.Join(", ", ClickEventTypes.All)}."];
        }

        RequireText(click.SessionId, index, "sessionId", MaxIdLength, errors);
        RequireText(click.Url, index, "url", MaxUrlLength, errors);
        LimitText(click.UserId, index, "userId", MaxIdLength, errors);

        if (click.Timestamp == default)
        {
            errors[Field(index, "timestamp")] = ["Required: an ISO 8601 date and time with offset."];
        }
        else if (click.Timestamp > latest)
        {
            errors[Field(index, "timestamp")] = ["Lies in the future."];
        }

        if (ClickEventTypes.ProductScoped.Contains(click.Type ?? ""))
        {
            if (string.IsNullOrWhiteSpace(click.ProductId))
            {
                errors[Field(index, "productId")] = [$"Required for '{click.Type}'."];
            }
            else
            {
                LimitText(click.ProductId, index, "productId", MaxIdLength, errors);
            }
        }
        else
        {
            LimitText(click.ProductId, index, "productId", MaxIdLength, errors);
        }

        if (click.Type == ClickEventTypes.Searched)
        {
            RequireText(click.Query, index, "query", MaxQueryLength, errors, "Required for 'searched'.");
        }
        else
        {
            LimitText(click.Query, index, "query", MaxQueryLength, errors);
        }
    }

    private static string Field(int index, string name) => $"events[{index}].{name}";

    private static void RequireText(string? value, int index, string name, int maxLength, Dictionary<string, string[]> errors, string missing = "Required.")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[Field(index, name)] = [missing];
            return;
        }

        LimitText(value, index, name, maxLength, errors);
    }

    private static void LimitText(string? value, int index, string name, int maxLength, Dictionary<string, string[]> errors)
    {
        if (value is { Length: var length } && length > maxLength)
        {
            errors[Field(index, name)] = [$"At most {maxLength} characters; got {length}."];
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
