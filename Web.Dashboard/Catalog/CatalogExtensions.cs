using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Web.Dashboard.Catalog;

public static class CatalogExtensions
{
    /// <summary>
    /// The catalog page's sources: Catalog.Api (<c>Dashboard:CatalogUrl</c>, default <c>http://catalog</c>) for the
    /// products and price edits, and a copy of topic <c>catalog</c> for their change history.
    /// </summary>
    public static IHostApplicationBuilder AddCatalogPages(this IHostApplicationBuilder builder)
    {
        var address = new Uri(builder.Configuration["Dashboard:CatalogUrl"] ?? CatalogClient.BaseAddress);
        builder.Services.AddHttpClient<CatalogClient>(http => http.BaseAddress = address);
        builder.Services.AddScoped<PriceEdits>();
        builder.Services.AddSingleton<CatalogHistory>();
        return builder.AddBroadcastSubscription<CatalogHistoryHandler>(Topics.Catalog);
    }
}
