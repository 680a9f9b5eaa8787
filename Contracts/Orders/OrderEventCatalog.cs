namespace EdaAspire.Contracts.Orders;

/// <summary>The <c>orders</c> topic's vocabulary, with the upcaster of <c>shop.order.placed.v1</c>.</summary>
public static class OrderEventCatalog
{
    public const string OrderPlacedV1Type = "shop.order.placed.v1";

    public static MessageCatalog<IOrderEvent> Instance { get; } = Create(ContractsJsonContext.Default);

    private static MessageCatalog<IOrderEvent> Create(ContractsJsonContext json) => new MessageCatalog<IOrderEvent>()
        .Add("shop.order.placed.v2", json.OrderPlaced)
        .AddUpcaster(OrderPlacedV1Type, json.OrderPlacedV1, OrderPlacedUpcaster.Upcast)
        .Add("shop.order.payment_authorized.v1", json.PaymentAuthorized)
        .Add("shop.order.payment_declined.v1", json.PaymentDeclined)
        .Add("shop.order.stock_reserved.v1", json.StockReserved)
        .Add("shop.order.stock_unavailable.v1", json.StockUnavailable)
        .Add("shop.order.shipment_scheduled.v1", json.ShipmentScheduled)
        .Add("shop.order.shipment_failed.v1", json.ShipmentFailed)
        .Add("shop.order.payment_refunded.v1", json.PaymentRefunded)
        .Add("shop.order.stock_released.v1", json.StockReleased)
        .Add("shop.order.confirmed.v1", json.OrderConfirmed)
        .Add("shop.order.cancelled.v1", json.OrderCancelled);
}
