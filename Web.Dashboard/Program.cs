using EdaAspire.Web.Dashboard;
using EdaAspire.Web.Dashboard.Admin;
using EdaAspire.Web.Dashboard.Components;
using EdaAspire.Web.Dashboard.Orders;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDashboard();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseErrorAnswers();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .ForGetOnly();
app.MapDefaultEndpoints();
app.MapOrdersApi();
app.MapAdminEndpoints();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
