namespace EdaAspire.Contracts.Fulfillment;

/// <summary>The <c>fulfillment</c> queue's vocabulary.</summary>
public static class FulfillmentCommandCatalog
{
    public const string QueueName = "fulfillment";

    public static MessageCatalog<IFulfillmentCommand> Instance { get; } = Create(ContractsJsonContext.Default);

    private static MessageCatalog<IFulfillmentCommand> Create(ContractsJsonContext json) => new MessageCatalog<IFulfillmentCommand>()
        .Add("shop.fulfillment.authorize_payment.v1", json.AuthorizePayment)
        .Add("shop.fulfillment.reserve_stock.v1", json.ReserveStock)
        .Add("shop.fulfillment.schedule_shipment.v1", json.ScheduleShipment)
        .Add("shop.fulfillment.refund_payment.v1", json.RefundPayment)
        .Add("shop.fulfillment.release_stock.v1", json.ReleaseStock);
}
