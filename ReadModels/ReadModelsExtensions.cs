using EdaAspire.Persistence;
using Microsoft.Extensions.Hosting;

namespace EdaAspire.ReadModels;

public static class ReadModelsExtensions
{
    public const string ConnectionName = "readmodels";

    /// <summary>The read-model context from <c>ConnectionStrings:readmodels</c>, pooled, with a health check.</summary>
    public static IHostApplicationBuilder AddReadModelsDbContext(this IHostApplicationBuilder builder) =>
        builder.AddSqlDbContext<ReadModelsDbContext>(ConnectionName);
}
