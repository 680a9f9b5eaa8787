using EdaAspire.Catalog.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Catalog.Api.Products;

/// <summary>
/// A first catalog so the demo has prices: products <c>p-1</c> … <c>p-36</c>, the ids the load generator and the
/// tests order. Written once, into an empty table, through the same path as any insert, so the change record holds
/// them and the connector publishes them as creates.
/// </summary>
public sealed class ProductSeed(IServiceScopeFactory scopes, ILogger<ProductSeed> logger) : IHostedService
{
    private static readonly string[] Names =
    [
        "Espresso beans 1 kg", "Filter coffee 500 g", "Green tea 100 g", "Earl Grey 100 g", "Cocoa powder 250 g", "Oat milk 1 l",
        "Ceramic mug", "Travel mug", "French press", "Pour-over kettle", "Burr grinder", "Milk frother",
        "Chef's knife", "Bread knife", "Cutting board", "Cast-iron pan", "Saucepan 2 l", "Stock pot 8 l",
        "Wooden spoon set", "Silicone spatula", "Measuring cups", "Kitchen scale", "Mixing bowls", "Baking tray",
        "Linen apron", "Tea towels (3)", "Oven mitts", "Spice rack", "Olive oil 500 ml", "Sea salt 250 g",
        "Black pepper 100 g", "Honey 400 g", "Strawberry jam 300 g", "Dark chocolate 100 g", "Shortbread tin", "Gift card",
    ];

    /// <summary>The seed's rows: prices spread from 2.50 to 89.00, every seventh product inactive.</summary>
    public static IReadOnlyList<Product> Products { get; } = [.. Names.Select((name, i) => new Product
    {
        Id = $"p-{i + 1}",
        Name = name,
        Price = 2.50m + (i * 37 % 35) * 2.5m,
        Currency = "EUR",
        Active = (i + 1) % 7 != 0,
    })];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        if (await db.Products.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Products.AddRange(Products.Select(p => new Product { Id = p.Id, Name = p.Name, Price = p.Price, Currency = p.Currency, Active = p.Active }));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the catalog with {Count} products", Products.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
