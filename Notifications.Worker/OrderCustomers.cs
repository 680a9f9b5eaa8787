using System.Globalization;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Notifications.Worker;

/// <summary>A notification for a customer: the event that caused it, whom it is for, and what it says.</summary>
public sealed record CustomerNotification<T>(EventEnvelope Envelope, string CustomerId, T Content);

/// <summary>
/// Who placed which order, as far as one channel has read. The outcome events carry only the order id, so a channel
/// that addresses the customer remembers it from <see cref="OrderPlaced"/> (state built from the events it consumes,
/// not a query to another service). Kept in a file per channel, so it outlives a restart from the committed offset,
/// and channels share nothing.
/// </summary>
public sealed class OrderCustomers(KeyedLineFile file, NotificationsTelemetry telemetry)
{
    /// <summary>
    /// The batch's notifications in log order: what <paramref name="compose"/> makes of each event (null: the
    /// channel ignores it), addressed to the order's customer. The customers of orders placed in the batch are on disk
    /// first; an event of an order never seen placed is logged, counted and left out.
    /// </summary>
    public async Task<List<CustomerNotification<T>>> AddressAsync<T>(
        IReadOnlyList<Known<IOrderEvent>> known, Func<IOrderEvent, T?> compose, string channel, ILogger logger, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compose);
        await file.AppendNewAsync(
            known.Select(k => k.Message).OfType<OrderPlaced>().Select(p => new KeyedLine(KeyOf(p.OrderId), p.CustomerId)),
            cancellationToken);

        var notifications = new List<CustomerNotification<T>>();
        foreach (var (consumed, orderEvent) in known)
        {
            if (compose(orderEvent) is not { } content)
            {
                continue;
            }

            if (CustomerOf(orderEvent.OrderId) is not { } customerId)
            {
                logger.LogWarning("No {Channel} notification for event {Id}: order {OrderId} was never seen placed", channel, consumed.Envelope.Id, orderEvent.OrderId);
                telemetry.Record(channel, NotificationsTelemetry.NoRecipient);
                continue;
            }

            notifications.Add(new CustomerNotification<T>(consumed.Envelope, customerId, content));
        }

        return notifications;
    }

    /// <summary>The customer, or null for an order this channel never saw placed.</summary>
    public string? CustomerOf(Guid orderId) => file.Find(KeyOf(orderId));

    private static string KeyOf(Guid orderId) => orderId.ToString("D", CultureInfo.InvariantCulture);
}
