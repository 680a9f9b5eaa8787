using System.Text;
using EdaAspire.WorkQueue;

namespace EdaAspire.WorkQueueTests.Conformance;

/// <summary>Messages for the tests: small UTF-8 bodies, recognisable ids.</summary>
internal static class TestMessages
{
    public static QueueMessage Text(string messageId, string? body = null) => new()
    {
        MessageId = messageId,
        Body = Encoding.UTF8.GetBytes(body ?? $"body of {messageId}"),
    };

    /// <summary>A message with every optional field set, as the saga's commands will carry them.</summary>
    public static QueueMessage Command(string messageId) => Text(messageId, """{"orderId":"o-42","sku":"p-7","quantity":2}""") with
    {
        CorrelationId = "o-42",
        Subject = "shop.fulfillment.reserve.v1",
        ContentType = "application/json",
        ApplicationProperties = new Dictionary<string, string>
        {
            ["cloudEvents:id"] = messageId,
            ["cloudEvents:type"] = "shop.fulfillment.reserve.v1",
            ["cloudEvents:source"] = "/saga",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        },
    };

    public static string BodyText(ReceivedMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    public static IEnumerable<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string> properties) =>
        properties.OrderBy(p => p.Key, StringComparer.Ordinal);
}
