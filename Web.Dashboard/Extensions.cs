using EdaAspire.ReadModels;
using EdaAspire.Web.Dashboard.Clickstream;
using EdaAspire.Web.Dashboard.Orders;
using MudBlazor.Services;

namespace EdaAspire.Web.Dashboard;

public static class Extensions
{
    /// <summary>
    /// Blazor with interactive server rendering, MudBlazor, the read-only queries over the read models, and the
    /// live feed of order events that keeps the order pages current.
    /// </summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        builder.AddReadModelsDbContext();
        builder.Services.AddSingleton<ClickstreamOverviewQuery>();
        builder.AddOrders();
        return builder;
    }
}
