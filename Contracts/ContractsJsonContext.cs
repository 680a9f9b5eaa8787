using System.Text.Json;
using System.Text.Json.Serialization;
using EdaAspire.Contracts.Clickstream;
using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Contracts;

/// <summary>Source-generated JSON for every contract: camelCase on the wire, no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClickEvent))]
[JsonSerializable(typeof(ClickstreamBatch))]
[JsonSerializable(typeof(ClickstreamAccepted))]
[JsonSerializable(typeof(SagaOutboxStatus))]
[JsonSerializable(typeof(SagaBacklog))]
[JsonSerializable(typeof(AdmissionStatus))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderPlacedV2))]
[JsonSerializable(typeof(OrderPlacedV1))]
[JsonSerializable(typeof(PaymentAuthorized))]
[JsonSerializable(typeof(PaymentDeclined))]
[JsonSerializable(typeof(StockReserved))]
[JsonSerializable(typeof(StockUnavailable))]
[JsonSerializable(typeof(ShipmentScheduled))]
[JsonSerializable(typeof(ShipmentFailed))]
[JsonSerializable(typeof(PaymentRefunded))]
[JsonSerializable(typeof(StockReleased))]
[JsonSerializable(typeof(OrderConfirmed))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(AuthorizePayment))]
[JsonSerializable(typeof(ReserveStock))]
[JsonSerializable(typeof(ScheduleShipment))]
[JsonSerializable(typeof(RefundPayment))]
[JsonSerializable(typeof(ReleaseStock))]
[JsonSerializable(typeof(IReadOnlyList<OrderLine>))]
[JsonSerializable(typeof(ShippingAddress))]
[JsonSerializable(typeof(PlaceOrderRequest))]
[JsonSerializable(typeof(OrderAccepted))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
