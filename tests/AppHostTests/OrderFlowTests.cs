using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EdaAspire.AppHostTests;

/// <summary>
/// The Aspire route end to end: the real AppHost with its containers, an order placed over HTTP on the API,
/// its terminal status read from the dashboard's read side. Everything it passes through is the deployed shape:
/// Kafka, SQL Server, the Service Bus emulator's queue and two fulfillment replicas.
/// </summary>
public sealed class OrderFlowTests
{
    // Pulling images and starting SQL Server and the Service Bus emulator takes minutes on a cold machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan OrderTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task An_order_placed_on_the_api_ends_confirmed_or_cancelled_on_the_read_side()
    {
        using var timeout = new CancellationTokenSource(StartTimeout + OrderTimeout);
        var cancellationToken = timeout.Token;

        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);

        // The web projects have HTTP health checks; the workers are healthy once running.
        foreach (var resource in new[] { "ingestion", "dashboard", "projections", "notifications", "saga", "fulfillment" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
        }

        using var ingestion = app.CreateHttpClient("ingestion", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                customerId = "aspire-test",
                currency = "EUR",
                lines = new[] { new { productId = "p-1", quantity = 2 } }, // priced by the server from the catalog
                shippingAddress = new { name = "Ada", line1 = "1 Main St", city = "Dublin", postalCode = "D01", country = "IE" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var placed = await ingestion.SendAsync(request, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("orderId").GetGuid();

        using var dashboard = app.CreateHttpClient("dashboard", "http");
        var status = await WaitForTerminalStatusAsync(dashboard, orderId, cancellationToken);
        Assert.Contains(status, new[] { "Confirmed", "Cancelled" });
    }

    private static async Task<string> WaitForTerminalStatusAsync(HttpClient dashboard, Guid orderId, CancellationToken cancellationToken)
    {
        using var orderTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        orderTimeout.CancelAfter(OrderTimeout);
        var status = "not projected yet";
        while (!orderTimeout.IsCancellationRequested)
        {
            using var response = await dashboard.GetAsync($"/api/orders/{orderId}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                status = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("status").GetString()!;
                if (status is "Confirmed" or "Cancelled")
                {
                    return status;
                }
            }

            // The next poll of the order's status, not a wait for time to pass.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        throw new TimeoutException($"Order {orderId} did not reach a terminal status within {OrderTimeout}; last seen: {status}.");
    }
}
