using System.Text.Json.Serialization;
using EdaAspire.Projections.Worker.Clickstream;
using EdaAspire.Projections.Worker.Orders;

namespace EdaAspire.Projections.Worker;

/// <summary>The set-based upserts' rows as JSON, names as declared (no naming policy: the SQL reads them verbatim).</summary>
[JsonSerializable(typeof(PageViewsRow))]
[JsonSerializable(typeof(EventTypeCountRow))]
[JsonSerializable(typeof(ProductActivityRow))]
[JsonSerializable(typeof(SessionRow))]
[JsonSerializable(typeof(CustomerCountersRow))]
[JsonSerializable(typeof(SalesRow))]
[JsonSerializable(typeof(PurchasesRow))]
public sealed partial class ProjectionRowsJson : JsonSerializerContext;
