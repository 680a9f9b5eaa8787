using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>
/// The request messages the adapter sends to Service Bus's <c>$cbs</c> and <c>&lt;entity&gt;/$management</c> nodes, and
/// readers of their answers. Names are Service Bus's (as the Azure SDK sends them).
/// </summary>
internal static class ManagementRequests
{
    public const string CbsNode = "$cbs";
    public const string RenewLockOperation = "com.microsoft:renew-lock";
    public const string PeekMessageOperation = "com.microsoft:peek-message";

    /// <summary>CBS put-token: the token as an AMQP value body; type, audience and expiry as application properties.</summary>
    public static Message PutToken(CbsToken token, string audience)
    {
        var request = new Message(token.Value) { ApplicationProperties = new ApplicationProperties() };
        request.ApplicationProperties["operation"] = "put-token";
        request.ApplicationProperties["type"] = token.TokenType;
        request.ApplicationProperties["name"] = audience;
        request.ApplicationProperties["expiration"] = token.ExpiresAt.UtcDateTime;
        return request;
    }

    /// <summary>Renews the locks of deliveries received on <paramref name="receiverLinkName"/>: body <c>{ lock-tokens: uuid[] }</c>.</summary>
    public static Message RenewLock(Guid lockToken, string? receiverLinkName) =>
        Operation(RenewLockOperation, new Map { [new Symbol("lock-tokens")] = new[] { lockToken } }, receiverLinkName);

    /// <summary>Reads messages without locking them, from a sequence number on: body <c>{ from-sequence-number, message-count }</c>.</summary>
    public static Message PeekMessages(long fromSequenceNumber, int messageCount) =>
        Operation(PeekMessageOperation,
            new Map { [new Symbol("from-sequence-number")] = fromSequenceNumber, [new Symbol("message-count")] = messageCount },
            receiverLinkName: null);

    /// <summary>The new expiry from a renew-lock response: body <c>{ expirations: timestamp[] }</c>.</summary>
    public static DateTimeOffset RenewedUntil(Message response)
    {
        var body = response.Body as Map ?? throw new InvalidDataException("A renew-lock response without a map body.");
        var expirations = body[new Symbol("expirations")] as DateTime[] ?? body["expirations"] as DateTime[];
        return expirations is [var until, ..]
            ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc))
            : throw new InvalidDataException("A renew-lock response without expirations.");
    }

    /// <summary>The peeked messages: body <c>{ messages: [ { message: binary (an encoded AMQP message) } ] }</c>; 204 = none.</summary>
    public static IReadOnlyList<Message> PeekedMessages(Message response)
    {
        if (ManagementStatus.Code(response) == ManagementStatus.NoContent || response.Body is not Map body)
        {
            return [];
        }

        var entries = body[new Symbol("messages")] as List ?? body["messages"] as List ?? [];
        return entries.OfType<Map>()
            .Select(entry => entry[new Symbol("message")] ?? entry["message"])
            .OfType<byte[]>()
            .Select(bytes => Message.Decode(new ByteBuffer(bytes, 0, bytes.Length, bytes.Length)))
            .ToList();
    }

    private static Message Operation(string operation, Map body, string? receiverLinkName)
    {
        var request = new Message(body) { ApplicationProperties = new ApplicationProperties() };
        request.ApplicationProperties["operation"] = operation;
        if (receiverLinkName is not null)
        {
            // Ties the request to the link the deliveries came on, as Service Bus expects for lock operations.
            request.ApplicationProperties["associated-link-name"] = receiverLinkName;
        }

        return request;
    }
}
