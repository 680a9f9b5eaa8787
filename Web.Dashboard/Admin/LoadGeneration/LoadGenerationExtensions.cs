namespace EdaAspire.Web.Dashboard.Admin.LoadGeneration;

public static class LoadGenerationExtensions
{
    /// <summary>The load generator and its client of Ingestion.Api (<c>Dashboard:IngestionUrl</c>, default <c>http://ingestion</c>).</summary>
    public static IHostApplicationBuilder AddLoadGeneration(this IHostApplicationBuilder builder)
    {
        var address = new Uri(builder.Configuration["Dashboard:IngestionUrl"] ?? IngestionClient.BaseAddress);
        builder.Services.AddHttpClient<IngestionClient>(http => http.BaseAddress = address);
        builder.Services.AddSingleton<LoadGenerator>();
        return builder;
    }
}
