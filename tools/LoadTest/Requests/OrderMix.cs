using System.Text.Json;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.LoadTest.Requests;

/// <summary>Orders of one to three lines from a pool of customers and products, each under a fresh Idempotency-Key.</summary>
public sealed class OrderMix(int seed = 7, int customers = 2000, int products = 500)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public byte[] NextBody()
    {
        lock (_gate)
        {
            var customer = _random.Next(customers);
            var lines = Enumerable.Range(0, 1 + _random.Next(3))
                .Select(i => (OrderLine?)new OrderLine($"p-{(_random.Next(products) + (i * 1000)):D4}", 1 + _random.Next(3), 5m + _random.Next(9500) / 100m))
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
