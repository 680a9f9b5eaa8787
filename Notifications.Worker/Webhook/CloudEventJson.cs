using System.Buffers;
using System.Text.Json;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Notifications.Worker.Webhook;

/// <summary>
/// A webhook's body: the event as a CloudEvents 1.0 event in structured JSON mode
/// (<c>application/cloudevents+json</c>). Its data is the event in its current contract shape (an upcast older
/// version goes out as the current one), so a receiver only ever knows one version.
/// </summary>
public static class CloudEventJson
{
    public const string MediaType = "application/cloudevents+json";

    public static byte[] Serialize(EventEnvelope envelope, IOrderEvent orderEvent)
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
            json.WriteString("datacontenttype", EventEnvelope.JsonContentType);
            json.WritePropertyName("data");
            json.WriteRawValue(OrderEventCatalog.Instance.Serialize(orderEvent), skipInputValidation: true);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
