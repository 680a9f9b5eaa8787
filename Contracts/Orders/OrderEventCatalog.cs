namespace EdaAspire.Contracts.Orders;

/// <summary>The <c>orders</c> topic's vocabulary, with the upcasters of <c>shop.order.placed.v1</c> and <c>.v2</c>.</summary>
public static class OrderEventCatalog
{
    public const string OrderPlacedV1Type = "shop.order.placed.v1";
    public const string OrderPlacedV2Type = "shop.order.placed.v2";
    public const string OrderPlacedType = "shop.order.placed.v3";

    public static MessageCatalog<IOrderEvent> Instance { get; } = Create(ContractsJsonContext.Default);

    private static MessageCatalog<IOrderEvent> Create(ContractsJsonContext json) => new MessageCatalog<IOrderEvent>()
        .Add(OrderPlacedType, json.OrderPlaced)
        .AddUpcaster(OrderPlacedV2Type, json.OrderPlacedV2, OrderPlacedUpcaster.Upcast)
        .AddUpcaster(OrderPlacedV1Type, json.OrderPlacedV1, v1 => OrderPlacedUpcaster.Upcast(OrderPlacedUpcaster.Upcast(v1)))
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
