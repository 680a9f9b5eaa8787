using EdaAspire.ReadModels;
using EdaAspire.Web.Dashboard.Clickstream;
using MudBlazor.Services;

namespace EdaAspire.Web.Dashboard;

public static class Extensions
{
    /// <summary>Blazor with interactive server rendering, MudBlazor, and the read-only queries over the read models.</summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        builder.AddReadModelsDbContext();
        builder.Services.AddSingleton<ClickstreamOverviewQuery>();
        return builder;
    }
}
