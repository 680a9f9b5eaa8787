using EdaAspire.ReadModels;
using EdaAspire.Web.Dashboard.Admin;
using EdaAspire.Web.Dashboard.Admin.Control;
using EdaAspire.Web.Dashboard.Admin.LoadGeneration;
using EdaAspire.Web.Dashboard.Catalog;
using EdaAspire.Web.Dashboard.Clickstream;
using EdaAspire.Web.Dashboard.DeadLetters;
using EdaAspire.Web.Dashboard.Orders;
using EdaAspire.Web.Dashboard.Overview;
using MudBlazor.Services;

namespace EdaAspire.Web.Dashboard;

public static class Extensions
{
    /// <summary>
    /// Blazor with interactive server rendering, MudBlazor, the read-only queries over the read models, the live feed of
    /// order events that keeps the order pages current, the overview's sampler, dead letters, and the admin features
    /// (sign-in, load generator, commands on topic control, price edits), and the catalog page.
    /// </summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // Errors of the HTTP API and the form posts as application/problem+json (ErrorAnswers).
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnsupportedCharset>();

        builder.AddReadModelsDbContext();
        builder.Services.AddSingleton<ClickstreamOverviewQuery>();
        builder.AddOrders();
        builder.AddOverview();
        builder.Services.AddSingleton<FulfillmentDeadLetters>();
        builder.AddAdminAccess();
        builder.AddLoadGeneration();
        builder.AddControl();
        builder.AddCatalogPages();
        return builder;
    }
}
