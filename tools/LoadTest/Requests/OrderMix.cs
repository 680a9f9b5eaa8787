using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.LoadTest.Requests;

/// <summary>
/// Orders of one to three lines from a pool of customers and the catalog seed's active products (p-1 … p-36 but every
/// seventh), each under a fresh Idempotency-Key, without prices: the server prices them from the catalog.
/// </summary>
public sealed class OrderMix(int seed = 7, int customers = 2000)
{
    private readonly Random _random = new(seed);
    private static readonly string[] ActiveProducts = [.. Enumerable.Range(1, 36).Where(i => i % 7 != 0).Select(i => $"p-{i}")];

    private readonly Lock _gate = new();

    public byte[] NextBody()
    {
        lock (_gate)
        {
            var customer = _random.Next(customers);
            var lines = Enumerable.Range(0, 1 + _random.Next(3))
                .Select(_ => ActiveProducts[_random.Next(ActiveProducts.Length)])
                .Distinct()
                .Select(product => (OrderLineRequest?)new OrderLineRequest(product, 1 + _random.Next(3)))
                .ToList();
            var order = new PlaceOrderRequest(
                $"c-{customer:D5}",
                lines,
                "EUR",
                new ShippingAddress($"Customer {customer}", "1 Load Street", null, "Testville", "12345", "DE"));
            return JsonSerializer.SerializeToUtf8Bytes(order, ContractsJsonContext.Default.PlaceOrderRequest);
        }
    }
}
