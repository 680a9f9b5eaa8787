using EdaAspire.Ingestion.Api;
using EdaAspire.Ingestion.Api.Admission;
using EdaAspire.Ingestion.Api.Clickstream;
using EdaAspire.Ingestion.Api.Orders;
using EdaAspire.Ingestion.Api.Pricing;
using EdaAspire.Ingestion.Api.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestion();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseIngestionSecurity();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapClickstreamApi();
app.MapOrdersApi();
app.MapAdmissionApi();
app.MapPricingApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
