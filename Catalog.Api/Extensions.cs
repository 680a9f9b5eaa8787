using EdaAspire.Catalog.Api.ChangeRecord;
using EdaAspire.Catalog.Api.Data;
using EdaAspire.Catalog.Api.Products;
using EdaAspire.Persistence;

namespace EdaAspire.Catalog.Api;

public static class Extensions
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        // Hosted services start in this order: the schema, then SQLite's change record on it, then the seed, whose
        // rows the change record therefore captures like any other insert.
        builder.AddOwnedSqlDbContext<CatalogDbContext>(CatalogDbContext.ConnectionName);
        builder.Services.AddHostedService<SqliteChangeTriggers>();
        builder.Services.AddHostedService<ProductSeed>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }
}
