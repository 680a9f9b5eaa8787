using EdaAspire.Contracts;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Ingestion.Api.Clickstream;

/// <summary>A click as the log stores it: a CloudEvents envelope with a JSON body, subject and key = session id.</summary>
public static class ClickEnvelopes
{
    public const string Source = "urn:edaaspire:ingestion";

    public static EventEnvelope Wrap(ClickEvent click)
    {
        ArgumentNullException.ThrowIfNull(click);
        return EnvelopeJson.Wrap(
            click,
            ContractsJsonContext.Default.ClickEvent,
            id: Guid.CreateVersion7().ToString(),
            type: ClickEventTypes.CloudEventType(click.Type),
            source: Source,
            time: click.Timestamp) with { Subject = click.SessionId };
    }
}
