namespace EdaAspire.Ingestion.Api.Orders;

public sealed class OrdersOptions
{
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Where clients read an order's status: the read side (Web.Dashboard's <c>/api/orders/{id}</c>), since
    /// status is a projection of the order's events. Defaults to the dashboard's service-discovery address.
    /// </summary>
    public string? StatusBaseUrl { get; set; }
}
