using System.Buffers;
using System.Text.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>
/// A webhook's body: the event as a CloudEvents 1.0 event in structured JSON mode (<c>application/cloudevents+json</c>),
/// either fat — its data is the event in its current contract shape (an upcast older version goes out as the current
/// one), so a receiver only ever knows one version — or thin: no data, only a link to the order on the read side
/// (the CloudEvents <c>dataref</c> extension), which the receiver resolves by calling back when it cares.
/// </summary>
public static class CloudEventJson
{
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The CloudEvents extension attribute that points at where the event's data can be read.</summary>
    public const string DataRef = "dataref";

    public static byte[] Serialize(EventEnvelope envelope, IOrderEvent orderEvent) =>
        Write(envelope, orderEvent, json =>
        {
            json.WriteString("datacontenttype", EventEnvelope.JsonContentType);
            json.WritePropertyName("data");
            json.WriteRawValue(OrderEventCatalog.Instance.Serialize(orderEvent), skipInputValidation: true);
        });

    /// <summary>A thin notification: what happened to which order, and <paramref name="readSide"/> to ask for the rest.</summary>
    public static byte[] SerializeThin(EventEnvelope envelope, IOrderEvent orderEvent, Uri readSide)
    {
        ArgumentNullException.ThrowIfNull(readSide);
        return Write(envelope, orderEvent, json => json.WriteString(DataRef, readSide.AbsoluteUri));
    }

    private static byte[] Write(EventEnvelope envelope, IOrderEvent orderEvent, Action<Utf8JsonWriter> writeData)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(orderEvent);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", EventEnvelope.SpecVersion);
            json.WriteString("id", envelope.Id);
            json.WriteString("type", OrderEventCatalog.Instance.TypeOf(orderEvent));
            json.WriteString("source", envelope.Source);
            json.WriteString("time", envelope.Time);
            json.WriteString("subject", envelope.Subject ?? orderEvent.OrderId.ToString());
            writeData(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
